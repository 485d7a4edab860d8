// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test double: a hostile ERC-20 that, when `watched` (the victim) sends tokens, calls
///         `target` with `payload` (e.g. the investor's contract asking for a second refund) and
///         records whether that nested call succeeded.
contract ReentrantToken is ERC20 {
    address public watched;
    address public target;
    bytes public payload;
    bool public reentered;
    bool public reentrySucceeded;

    constructor() ERC20("Reentrant", "RE") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address watched_, address target_, bytes calldata payload_) external {
        watched = watched_;
        target = target_;
        payload = payload_;
        reentered = false;
        reentrySucceeded = false;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == watched && watched != address(0) && !reentered) {
            reentered = true;
            (bool ok,) = target.call(payload);
            reentrySucceeded = ok;
        }
    }
}
