// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LendingPool} from "./LendingPool.sol";

/// @title Holds LendingPool's creation code so tenant factories do not have to (as StakingPoolDeployer
///        does for staking pools). A caller can only deploy pools that name itself as their factory.
contract LendingPoolDeployer {
    error FactoryMismatch(address claimed, address caller);

    function deployLendingPool(LendingPool.Config calldata c, LendingPool.InitialCollateral[] calldata initial)
        external
        returns (address)
    {
        if (c.factory != msg.sender) revert FactoryMismatch(c.factory, msg.sender);
        return address(new LendingPool(c, initial));
    }
}
