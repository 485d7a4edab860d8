// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test double: an investor contract that, when paid ETH, calls `target` again with
///         `payload` (a second refund) and records whether the nested call got through.
contract ReentrantInvestor {
    address public target;
    bytes public payload;
    uint256 public reentryAttempts;
    bool public reentrySucceeded;

    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    /// @notice Forwards any call (invest, createEscrow, refund) so the contract acts as the investor.
    function execute(address to, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = to.call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        if (target != address(0) && reentryAttempts == 0) {
            reentryAttempts = 1;
            (bool ok,) = target.call(payload);
            reentrySucceeded = ok;
        }
    }
}
