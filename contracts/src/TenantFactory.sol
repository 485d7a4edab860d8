// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IService} from "./interfaces/IService.sol";
import {IEscrowFactory} from "./interfaces/IEscrowFactory.sol";
import {ITokenSale} from "./interfaces/ITokenSale.sol";
import {ServiceGated} from "./ServiceGated.sol";
import {TokenSale} from "./TokenSale.sol";
import {Pool} from "./Pool.sol";

/// @title One per tenant: deploys the tenant's deals and opens escrows for them.
/// @notice Every event carries the tenant id so the indexer can attribute chain activity
///         without trusting anything but the emitting factory's address.
contract TenantFactory is ServiceGated {
    struct SaleParams {
        bytes32 dealId;
        address paymentToken;
        address saleToken;
        address issuerTreasury;
        uint256 softCap;
        uint256 hardCap;
        uint256 minInvestment;
        uint256 maxInvestment;
        uint64 startTime;
        uint64 endTime;
        uint256 tokensPerPaymentUnit;
    }

    IService public immutable service;
    IEscrowFactory public immutable escrowFactory;
    bytes32 public immutable tenantId;
    address public immutable tenantTreasury;

    mapping(address sale => bool) public isSale;

    event SaleCreated(
        bytes32 indexed tenantId, bytes32 indexed dealId, address sale, address paymentToken, address saleToken
    );
    event PoolCreated(bytes32 indexed tenantId, bytes32 indexed dealId, address sale, address pool);
    event EscrowOpened(bytes32 indexed tenantId, address indexed sale, address indexed investor, address escrow);

    error UnknownSale(address sale);
    error InvalidTenant();

    constructor(IService service_, IEscrowFactory escrowFactory_, bytes32 tenantId_, address tenantTreasury_) {
        if (tenantId_ == bytes32(0) || tenantTreasury_ == address(0)) revert InvalidTenant();
        service = service_;
        escrowFactory = escrowFactory_;
        tenantId = tenantId_;
        tenantTreasury = tenantTreasury_;
    }

    function createSale(SaleParams calldata p) external whenNotPaused onlyOperator returns (address sale) {
        sale = address(
            new TokenSale(
                TokenSale.Config({
                    service: service,
                    escrowFactory: escrowFactory,
                    tenantId: tenantId,
                    dealId: p.dealId,
                    paymentToken: p.paymentToken,
                    saleToken: p.saleToken,
                    issuerTreasury: p.issuerTreasury,
                    tenantTreasury: tenantTreasury,
                    softCap: p.softCap,
                    hardCap: p.hardCap,
                    minInvestment: p.minInvestment,
                    maxInvestment: p.maxInvestment,
                    startTime: p.startTime,
                    endTime: p.endTime,
                    tokensPerPaymentUnit: p.tokensPerPaymentUnit
                })
            )
        );
        isSale[sale] = true;
        emit SaleCreated(tenantId, p.dealId, sale, p.paymentToken, p.saleToken);
    }

    function createPool(address sale, uint64 lockTime) external whenNotPaused onlyOperator returns (address pool) {
        if (!isSale[sale]) revert UnknownSale(sale);
        pool = address(new Pool(service, ITokenSale(sale), lockTime));
        ITokenSale(sale).setPool(pool);
        emit PoolCreated(tenantId, ITokenSale(sale).dealId(), sale, pool);
    }

    /// @notice Opens an escrow funded by the caller. For ERC-20 deals the caller approves the
    ///         EscrowFactory (one approval serves every tenant); for ETH deals, send the amount.
    function createEscrow(address sale, uint256 amount) external payable whenNotPaused returns (address escrow) {
        if (!isSale[sale]) revert UnknownSale(sale);
        escrow = escrowFactory.createEscrow{value: msg.value}(sale, msg.sender, amount);
        emit EscrowOpened(tenantId, sale, msg.sender, escrow);
    }

    function _service() internal view override returns (IService) {
        return service;
    }
}
