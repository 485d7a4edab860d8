// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TokenSale} from "./TokenSale.sol";

/// @title Holds TokenSale's creation code so tenant factories do not have to.
/// @notice Keeping the sale's bytecode out of TenantFactory leaves the factory a fraction of the
///         contract size limit, with room for the next features. A caller can only deploy sales that
///         name itself as their factory, so nobody can mint a sale that claims a tenant it is not from.
contract SaleDeployer {
    error FactoryMismatch(address claimed, address caller);

    function deploySale(TokenSale.Config calldata c) external returns (address) {
        if (c.factory != msg.sender) revert FactoryMismatch(c.factory, msg.sender);
        return address(new TokenSale(c));
    }
}
