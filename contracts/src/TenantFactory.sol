// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IService} from "./interfaces/IService.sol";
import {IEscrowFactory} from "./interfaces/IEscrowFactory.sol";
import {ITokenSale} from "./interfaces/ITokenSale.sol";
import {ServiceGated} from "./ServiceGated.sol";
import {TokenSale} from "./TokenSale.sol";
import {SaleDeployer} from "./SaleDeployer.sol";
import {StakingPool} from "./StakingPool.sol";
import {StakingPoolDeployer} from "./StakingPoolDeployer.sol";
import {LendingPool} from "./LendingPool.sol";
import {LendingPoolDeployer} from "./LendingPoolDeployer.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title One per tenant: deploys the tenant's deals and their pools.
/// @notice Every event carries the tenant id so the indexer can attribute chain activity
///         without trusting anything but the emitting factory's address. Only this tenant's
///         operators may create deals here. Sales come from the shared SaleDeployer and pools are
///         clones of one implementation, which keeps this factory far below the contract size limit.
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
    SaleDeployer public immutable saleDeployer;
    address public immutable poolImplementation;
    StakingPoolDeployer public immutable stakingPoolDeployer;
    LendingPoolDeployer public immutable lendingPoolDeployer;
    bytes32 public immutable tenantId;
    address public immutable tenantTreasury;

    struct StakingParams {
        bytes32 poolId;
        IERC20 stakingToken;
        IERC20 rewardToken;
        uint64 rewardsDuration;
        uint64 lockPeriod;
        uint16 earlyExitPenaltyBps;
        uint256 maxStakePerUser;
        uint256 maxTotalStaked;
    }

    /// @notice A lending market's terms; the asset is the stablecoin lent, rates are yearly (1e18 = 100%).
    struct LendingParams {
        bytes32 poolId;
        IERC20 asset;
        uint256 baseRate;
        uint256 slope1;
        uint256 slope2;
        uint256 optimalUtilisation;
        uint16 reserveFactorBps;
        uint16 closeFactorBps;
    }

    mapping(address sale => bool) public isSale;
    mapping(address pool => bool) public isStakingPool;
    mapping(address pool => bool) public isLendingPool;

    event SaleCreated(
        bytes32 indexed tenantId, bytes32 indexed dealId, address sale, address paymentToken, address saleToken
    );
    event PoolCreated(bytes32 indexed tenantId, bytes32 indexed dealId, address sale, address pool);
    event StakingPoolCreated(bytes32 indexed tenantId, bytes32 indexed poolId, address pool);
    event LendingPoolCreated(bytes32 indexed tenantId, bytes32 indexed poolId, address pool);

    error UnknownSale(address sale);
    error InvalidTenant();
    error InvalidLockTime(uint64 lockTime, uint64 saleEnd);
    error NativePaymentUnsupported();

    constructor(
        IService service_,
        IEscrowFactory escrowFactory_,
        SaleDeployer saleDeployer_,
        address poolImplementation_,
        StakingPoolDeployer stakingPoolDeployer_,
        LendingPoolDeployer lendingPoolDeployer_,
        bytes32 tenantId_,
        address tenantTreasury_
    ) {
        if (tenantId_ == bytes32(0) || tenantTreasury_ == address(0)) revert InvalidTenant();
        service = service_;
        escrowFactory = escrowFactory_;
        saleDeployer = saleDeployer_;
        poolImplementation = poolImplementation_;
        stakingPoolDeployer = stakingPoolDeployer_;
        lendingPoolDeployer = lendingPoolDeployer_;
        tenantId = tenantId_;
        tenantTreasury = tenantTreasury_;
    }

    /// @notice The platform fee in force now is fixed into the sale: a later fee change never applies
    ///         to money already invested.
    function createSale(SaleParams calldata p) external whenNotPaused onlyOperator returns (address sale) {
        sale = saleDeployer.deploySale(
                TokenSale.Config({
                    service: service,
                    escrowFactory: escrowFactory,
                    factory: address(this),
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
                    tokensPerPaymentUnit: p.tokensPerPaymentUnit,
                    feeBps: service.feeBps(),
                    tenantShareBps: service.tenantShareBps()
                })
        );
        isSale[sale] = true;
        emit SaleCreated(tenantId, p.dealId, sale, p.paymentToken, p.saleToken);
    }

    /// @notice The lock must fall inside the sale: a pool locking after the sale ends could never invest.
    function createPool(address sale, uint64 lockTime) external whenNotPaused onlyOperator returns (address pool) {
        if (!isSale[sale]) revert UnknownSale(sale);
        ITokenSale s = ITokenSale(sale);
        address payment = s.paymentToken();
        if (payment == address(0)) revert NativePaymentUnsupported();
        uint64 end = s.endTime();
        if (lockTime <= block.timestamp || lockTime > end) revert InvalidLockTime(lockTime, end);
        bytes memory args = abi.encodePacked(address(service), sale, payment, s.saleToken(), lockTime);
        pool = Clones.cloneWithImmutableArgs(poolImplementation, args);
        s.setPool(pool);
        emit PoolCreated(tenantId, s.dealId(), sale, pool);
    }

    /// @notice A staking pool of this tenant: its penalties and returned rewards go to the tenant's
    ///         treasury, its roles and pause are this tenant's. Registered by this event for the indexer.
    function createStakingPool(StakingParams calldata p) external whenNotPaused onlyOperator returns (address pool) {
        pool = stakingPoolDeployer.deployStakingPool(
                StakingPool.Config({
                    service: service,
                    factory: address(this),
                    tenantId: tenantId,
                    poolId: p.poolId,
                    stakingToken: p.stakingToken,
                    rewardToken: p.rewardToken,
                    treasury: tenantTreasury,
                    rewardsDuration: p.rewardsDuration,
                    lockPeriod: p.lockPeriod,
                    earlyExitPenaltyBps: p.earlyExitPenaltyBps,
                    maxStakePerUser: p.maxStakePerUser,
                    maxTotalStaked: p.maxTotalStaked
                })
        );
        isStakingPool[pool] = true;
        emit StakingPoolCreated(tenantId, p.poolId, pool);
    }

    /// @notice A lending pool of this tenant: its reserves go to the tenant's treasury, its roles and
    ///         pause are this tenant's; `initial` collaterals are listed (with their first prices) in
    ///         the same transaction. Registered by this event for the indexer.
    function createLendingPool(LendingParams calldata p, LendingPool.InitialCollateral[] calldata initial)
        external
        whenNotPaused
        onlyOperator
        returns (address pool)
    {
        pool = lendingPoolDeployer.deployLendingPool(
            LendingPool.Config({
                service: service,
                factory: address(this),
                tenantId: tenantId,
                poolId: p.poolId,
                asset: p.asset,
                treasury: tenantTreasury,
                baseRate: p.baseRate,
                slope1: p.slope1,
                slope2: p.slope2,
                optimalUtilisation: p.optimalUtilisation,
                reserveFactorBps: p.reserveFactorBps,
                closeFactorBps: p.closeFactorBps
            }),
            initial
        );
        isLendingPool[pool] = true;
        emit LendingPoolCreated(tenantId, p.poolId, pool);
    }

    function _service() internal view override returns (IService) {
        return service;
    }

    function _tenantId() internal view override returns (bytes32) {
        return tenantId;
    }
}
