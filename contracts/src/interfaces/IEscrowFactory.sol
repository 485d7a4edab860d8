// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

interface IEscrowFactory {
    function saleOfEscrow(address escrow) external view returns (address);
    function createEscrow(address sale, uint256 amount) external payable returns (address);
}
