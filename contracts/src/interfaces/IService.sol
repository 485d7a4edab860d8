// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

interface IService {
    function paused() external view returns (bool);
    function feeRecipient() external view returns (address);
    function complianceSigner() external view returns (address);
    function feeBps() external view returns (uint16);
    function tenantShareBps() external view returns (uint16);
    function isTenantOperator(bytes32 tenantId, address account) external view returns (bool);
    function isTenantAdmin(bytes32 tenantId, address account) external view returns (bool);
    function isPlatformAdmin(address account) external view returns (bool);
}
