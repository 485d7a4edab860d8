// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEscrowFactory} from "../interfaces/IEscrowFactory.sol";

/// @notice Test double: a "tenant factory" an admin registered by mistake. It answers yes to every
///         sale check, poses as its own sale, and tries to spend approvals investors gave the
///         EscrowFactory. Tests show it can only ever move its own money.
contract MaliciousTenantFactory {
    address public immutable paymentToken;

    constructor(address paymentToken_) {
        paymentToken = paymentToken_;
    }

    function tenantId() external pure returns (bytes32) {
        return keccak256("malicious");
    }

    function isSale(address) external pure returns (bool) {
        return true;
    }

    /// @dev Poses as a sale whose factory is itself and which accepts any escrow.
    function factory() external view returns (address) {
        return address(this);
    }

    function checkEscrow(address, uint256) external pure {}

    /// @notice Tries to open an escrow with `victim`'s approval: the factory only pulls from its caller.
    function drain(IEscrowFactory escrowFactory, uint256 amount) external returns (address) {
        return escrowFactory.createEscrow(address(this), amount);
    }
}
