// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingPool} from "./StakingPool.sol";

/// @title Holds StakingPool's creation code so tenant factories do not have to (as SaleDeployer does
///        for sales). A caller can only deploy pools that name itself as their factory.
contract StakingPoolDeployer {
    error FactoryMismatch(address claimed, address caller);

    function deployStakingPool(StakingPool.Config calldata c) external returns (address) {
        if (c.factory != msg.sender) revert FactoryMismatch(c.factory, msg.sender);
        return address(new StakingPool(c));
    }
}
