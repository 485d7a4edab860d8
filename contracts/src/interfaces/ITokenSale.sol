// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

interface ITokenSale {
    enum Status {
        Pending,
        Open,
        Succeeded,
        Failed
    }

    function factory() external view returns (address);
    function tenantId() external view returns (bytes32);
    function tenantTreasury() external view returns (address);
    function paymentToken() external view returns (address);
    function saleToken() external view returns (address);
    function dealId() external view returns (bytes32);
    function endTime() external view returns (uint64);
    function hardCap() external view returns (uint256);
    function maxInvestment() external view returns (uint256);
    function totalRaised() external view returns (uint128);
    function allowlisted(address investor) external view returns (bool);
    function allocationOf(address investor) external view returns (uint256);
    function status() external view returns (Status);
    function settled() external view returns (bool);
    function checkEscrow(address investor, uint256 amount) external view;
    function invest(uint256 amount) external payable;
    function depositFromEscrow(address investor, uint256 amount) external payable;
    function claim() external;
    function refund() external;
    function setPool(address pool) external;
    function addPooled(address member, uint256 amount) external;
    function removePooled(address member, uint256 amount) external;
}
