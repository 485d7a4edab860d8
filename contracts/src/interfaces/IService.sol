// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

interface IService {
    function paused() external view returns (bool);
    function feeRecipient() external view returns (address);
    function complianceSigner() external view returns (address);
    function feeSplit(uint256 amount) external view returns (uint256 platformFee, uint256 tenantFee);
    function isOperator(address account) external view returns (bool);
    function isAdmin(address account) external view returns (bool);
}
