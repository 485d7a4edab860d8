// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IAggregatorV3} from "./interfaces/IAggregatorV3.sol";
import {IService} from "./interfaces/IService.sol";
import {ServiceGated} from "./ServiceGated.sol";

/// @title A tenant's lending pool: one stablecoin market, borrowed against listed ERC-20 collateral.
/// @notice Lenders hold scaled balances against `supplyIndex`, borrowers scaled debt against
///         `borrowIndex` (Aave-style); both indexes only ever grow. The borrow rate follows a kinked
///         utilisation curve (base, slope1 up to the optimal utilisation, slope2 above it). Interest
///         accrues to `totalBorrows`; `reserveFactorBps` of it (rounded up) goes to reserves, the rest
///         raises the supply index (rounded down). Everything rounds in the pool's favour: interest,
///         the borrow index, debts and scaled debt minted are rounded up; balances, scaled supply
///         minted, collateral values and collateral seized are rounded down.
///         Accounting identity, exact to the unit (see `lendersClaim`):
///         cash + totalBorrows
///           == totalDeposited - totalWithdrawn + interestAccrued - reservesWithdrawn - borrowsWrittenOff.
///         A position is liquidatable when its collateral value weighted by the liquidation thresholds
///         is below its debt (health < 1); a liquidator repays up to `closeFactorBps` of the debt and
///         takes collateral worth the repayment plus the collateral's bonus.
///         Prices: asset base units per collateral base unit, times 1e18, either set by a tenant
///         operator or read from a Chainlink AggregatorV3 feed (USD per whole token, the stablecoin
///         taken at 1 USD); a price older than the collateral's `maxPriceAge` is refused.
///         Paused (by the tenant admin or the platform), only repayments and collateral deposits,
///         which can only make positions safer, go through. Assets must be plain ERC-20s (no fee on
///         transfer, no rebasing): the tenant admin lists collateral, the stablecoin is fixed.
///         Bad debt (debt left after all collateral is seized) stays on the borrower's account.
contract LendingPool is ServiceGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 public constant WAD = 1e18;
    uint256 public constant YEAR = 365 days;
    uint256 public constant MAX_COLLATERALS = 8;
    uint256 private constant BPS = 10_000;

    struct Config {
        IService service;
        /// @notice The tenant factory that created the pool (checked by LendingPoolDeployer).
        address factory;
        bytes32 tenantId;
        bytes32 poolId;
        IERC20 asset;
        address treasury;
        /// @notice Yearly borrow rates, 1e18 = 100%.
        uint256 baseRate;
        uint256 slope1;
        uint256 slope2;
        /// @notice 1e18 = 100%; strictly between 0 and 1e18.
        uint256 optimalUtilisation;
        uint16 reserveFactorBps;
        uint16 closeFactorBps;
    }

    struct CollateralConfig {
        uint16 ltvBps;
        uint16 liquidationThresholdBps;
        uint16 liquidationBonusBps;
        uint32 maxPriceAge;
        /// @notice address(0): the price is set by a tenant operator with `setPrice`.
        IAggregatorV3 feed;
    }

    /// @notice A collateral listed when the pool opens, with its first operator-set price (0 with a feed).
    struct InitialCollateral {
        IERC20 token;
        CollateralConfig config;
        uint256 price;
    }

    struct Collateral {
        bool listed;
        uint16 ltvBps;
        uint16 liquidationThresholdBps;
        uint16 liquidationBonusBps;
        uint32 maxPriceAge;
        uint64 priceUpdatedAt;
        IAggregatorV3 feed;
        uint256 price;
        uint256 unit;
    }

    IService public immutable service;
    address public immutable factory;
    bytes32 public immutable tenantId;
    bytes32 public immutable poolId;
    IERC20 public immutable asset;
    address public immutable treasury;
    uint256 public immutable baseRate;
    uint256 public immutable slope1;
    uint256 public immutable slope2;
    uint256 public immutable optimalUtilisation;
    uint16 public immutable reserveFactorBps;
    uint16 public immutable closeFactorBps;
    uint256 private immutable assetUnit;

    bool public localPaused;
    uint64 public lastAccrual;
    uint256 public borrowIndex = WAD;
    uint256 public supplyIndex = WAD;
    uint256 public totalBorrows;
    uint256 public totalReserves;
    uint256 public totalScaledSupply;
    uint256 public totalScaledDebt;

    uint256 public totalDeposited;
    uint256 public totalWithdrawn;
    /// @notice All interest charged, plus what a repayment paid beyond `totalBorrows` (rounding).
    uint256 public interestAccrued;
    uint256 public reservesWithdrawn;
    /// @notice What `totalBorrows` still held, from rounding interest up on the aggregate, when the last
    ///         debt was repaid: owed by nobody, so taken off the books.
    uint256 public borrowsWrittenOff;

    mapping(address => uint256) public scaledSupply;
    mapping(address => uint256) public scaledDebt;
    mapping(address => mapping(IERC20 => uint256)) public collateralOf;
    mapping(IERC20 => Collateral) public collaterals;
    IERC20[] public collateralList;

    event LendingPoolOpened(bytes32 indexed tenantId, bytes32 indexed poolId, address asset);
    event CollateralListed(address indexed token, CollateralConfig config);
    event PriceSet(address indexed token, uint256 price);
    event Accrued(uint256 interest, uint256 reserve, uint256 borrowIndex, uint256 supplyIndex);
    event Supplied(address indexed user, uint256 amount, uint256 scaled);
    event Withdrawn(address indexed user, uint256 amount, uint256 scaled);
    event CollateralDeposited(address indexed user, address indexed token, uint256 amount);
    event CollateralWithdrawn(address indexed user, address indexed token, uint256 amount);
    event Borrowed(address indexed user, uint256 amount, uint256 scaled);
    event Repaid(address indexed user, address indexed payer, uint256 amount, uint256 scaled);
    event Liquidated(
        address indexed borrower, address indexed liquidator, address indexed token, uint256 repaid, uint256 seized
    );
    event ReservesWithdrawn(address indexed to, uint256 amount);
    event PauseSet(bool paused);

    error InvalidConfig();
    error ZeroAmount();
    error PoolPaused();
    error NotListed(address token);
    error TooManyCollaterals();
    error StalePrice(address token, uint256 updatedAt);
    error BadPrice(address token);
    error InsufficientBalance(uint256 requested, uint256 available);
    error InsufficientLiquidity(uint256 requested, uint256 available);
    error InsufficientCollateral(uint256 debt, uint256 capacity);
    error NothingToRepay(address user);
    error Healthy(address user);

    /// @notice `initial` lists collaterals in the same transaction that opens the pool, so a pool is
    ///         never seen half-configured; later changes go through `listCollateral` and `setPrice`.
    constructor(Config memory c, InitialCollateral[] memory initial) {
        if (
            address(c.service) == address(0) || c.tenantId == bytes32(0) || address(c.asset) == address(0)
                || c.treasury == address(0) || c.optimalUtilisation == 0 || c.optimalUtilisation >= WAD
                || c.reserveFactorBps > BPS || c.closeFactorBps == 0 || c.closeFactorBps > BPS
        ) revert InvalidConfig();
        service = c.service;
        factory = c.factory;
        tenantId = c.tenantId;
        poolId = c.poolId;
        asset = c.asset;
        treasury = c.treasury;
        baseRate = c.baseRate;
        slope1 = c.slope1;
        slope2 = c.slope2;
        optimalUtilisation = c.optimalUtilisation;
        reserveFactorBps = c.reserveFactorBps;
        closeFactorBps = c.closeFactorBps;
        assetUnit = 10 ** IERC20Metadata(address(c.asset)).decimals();
        lastAccrual = uint64(block.timestamp);
        emit LendingPoolOpened(c.tenantId, c.poolId, address(c.asset));
        for (uint256 i; i < initial.length; ++i) {
            InitialCollateral memory ic = initial[i];
            _list(ic.token, ic.config, c.asset);
            if (ic.price != 0) _setPrice(ic.token, ic.price);
        }
    }

    // ---- views ----

    function paused() public view returns (bool) {
        return localPaused || service.paused();
    }

    function cash() public view returns (uint256) {
        return asset.balanceOf(address(this));
    }

    /// @notice What the lenders own together: cash + borrows - reserves. The sum of their balances is
    ///         at most this (each balance is rounded down).
    function lendersClaim() public view returns (uint256) {
        uint256 gross = cash() + totalBorrows;
        return gross > totalReserves ? gross - totalReserves : 0;
    }

    /// @notice borrows / (cash + borrows - reserves), 1e18 = 100%, capped at 100%, rounded down.
    function utilisation() public view returns (uint256) {
        uint256 borrows = totalBorrows;
        if (borrows == 0) return 0;
        uint256 claim = lendersClaim();
        if (claim <= borrows) return WAD;
        return Math.mulDiv(borrows, WAD, claim);
    }

    /// @notice The yearly borrow rate at the current utilisation (1e18 = 100%), rounded up.
    function borrowRate() public view returns (uint256) {
        uint256 u = utilisation();
        if (u <= optimalUtilisation) return baseRate + Math.mulDiv(slope1, u, optimalUtilisation, Math.Rounding.Ceil);
        return baseRate + slope1 + Math.mulDiv(slope2, u - optimalUtilisation, WAD - optimalUtilisation, Math.Rounding.Ceil);
    }

    function balanceOf(address user) public view returns (uint256) {
        return Math.mulDiv(scaledSupply[user], supplyIndex, WAD);
    }

    function debtOf(address user) public view returns (uint256) {
        return Math.mulDiv(scaledDebt[user], borrowIndex, WAD, Math.Rounding.Ceil);
    }

    function collateralCount() external view returns (uint256) {
        return collateralList.length;
    }

    /// @notice Asset base units per collateral base unit, times 1e18. Reverts if stale.
    function priceOf(IERC20 token) public view returns (uint256 price) {
        Collateral storage c = collaterals[token];
        if (!c.listed) revert NotListed(address(token));
        uint256 updatedAt;
        if (address(c.feed) != address(0)) {
            int256 answer;
            (, answer,, updatedAt,) = c.feed.latestRoundData();
            if (answer <= 0) revert BadPrice(address(token));
            price = Math.mulDiv(uint256(answer), WAD * assetUnit, 10 ** c.feed.decimals() * c.unit);
        } else {
            price = c.price;
            updatedAt = c.priceUpdatedAt;
        }
        if (price == 0) revert BadPrice(address(token));
        if (block.timestamp > updatedAt + c.maxPriceAge) revert StalePrice(address(token), updatedAt);
    }

    /// @notice Collateral value weighted by LTV (what may be borrowed) and by the liquidation
    ///         thresholds, each collateral's value rounded down; and the debt, rounded up.
    function accountOf(address user) public view returns (uint256 borrowCapacity, uint256 liquidationCapacity, uint256 debt) {
        debt = debtOf(user);
        uint256 n = collateralList.length;
        for (uint256 i; i < n; ++i) {
            IERC20 token = collateralList[i];
            uint256 amount = collateralOf[user][token];
            if (amount == 0) continue;
            uint256 value = Math.mulDiv(amount, priceOf(token), WAD);
            Collateral storage c = collaterals[token];
            borrowCapacity += Math.mulDiv(value, c.ltvBps, BPS);
            liquidationCapacity += Math.mulDiv(value, c.liquidationThresholdBps, BPS);
        }
    }

    /// @notice liquidationCapacity / debt, 1e18 = 1, rounded down; max uint without debt.
    function healthFactor(address user) external view returns (uint256) {
        (, uint256 liq, uint256 debt) = accountOf(user);
        return debt == 0 ? type(uint256).max : Math.mulDiv(liq, WAD, debt);
    }

    // ---- lenders ----

    function supply(uint256 amount) external nonReentrant {
        _requireNotPaused();
        accrue();
        uint256 scaled = Math.mulDiv(amount, WAD, supplyIndex);
        if (scaled == 0) revert ZeroAmount();
        scaledSupply[msg.sender] += scaled;
        totalScaledSupply += scaled;
        totalDeposited += amount;
        emit Supplied(msg.sender, amount, scaled);
        asset.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice `type(uint256).max` withdraws the whole balance.
    function withdraw(uint256 amount) external nonReentrant {
        _requireNotPaused();
        accrue();
        uint256 owned = scaledSupply[msg.sender];
        uint256 balance = balanceOf(msg.sender);
        uint256 scaled;
        if (amount == type(uint256).max) {
            amount = balance;
            scaled = owned;
        } else {
            scaled = Math.mulDiv(amount, WAD, supplyIndex, Math.Rounding.Ceil);
            if (scaled > owned) revert InsufficientBalance(amount, balance);
        }
        if (amount == 0) revert ZeroAmount();
        uint256 available = cash();
        if (amount > available) revert InsufficientLiquidity(amount, available);
        scaledSupply[msg.sender] = owned - scaled;
        totalScaledSupply -= scaled;
        totalWithdrawn += amount;
        emit Withdrawn(msg.sender, amount, scaled);
        asset.safeTransfer(msg.sender, amount);
    }

    // ---- borrowers ----

    /// @notice Allowed while paused: more collateral only makes a position safer.
    function depositCollateral(IERC20 token, uint256 amount) external nonReentrant {
        if (!collaterals[token].listed) revert NotListed(address(token));
        if (amount == 0) revert ZeroAmount();
        collateralOf[msg.sender][token] += amount;
        emit CollateralDeposited(msg.sender, address(token), amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function withdrawCollateral(IERC20 token, uint256 amount) external nonReentrant {
        _requireNotPaused();
        accrue();
        uint256 held = collateralOf[msg.sender][token];
        if (amount == 0 || amount > held) revert InsufficientBalance(amount, held);
        collateralOf[msg.sender][token] = held - amount;
        _requireBorrowCapacity(msg.sender);
        emit CollateralWithdrawn(msg.sender, address(token), amount);
        token.safeTransfer(msg.sender, amount);
    }

    function borrow(uint256 amount) external nonReentrant {
        _requireNotPaused();
        accrue();
        if (amount == 0) revert ZeroAmount();
        uint256 available = cash();
        if (amount > available) revert InsufficientLiquidity(amount, available);
        uint256 scaled = Math.mulDiv(amount, WAD, borrowIndex, Math.Rounding.Ceil);
        scaledDebt[msg.sender] += scaled;
        totalScaledDebt += scaled;
        totalBorrows += amount;
        _requireBorrowCapacity(msg.sender);
        emit Borrowed(msg.sender, amount, scaled);
        asset.safeTransfer(msg.sender, amount);
    }

    /// @notice Repays `borrower`'s debt from the caller; an amount at or above the debt repays it all.
    ///         Allowed while paused.
    function repay(address borrower, uint256 amount) external nonReentrant returns (uint256) {
        accrue();
        amount = _burnDebt(borrower, amount);
        asset.safeTransferFrom(msg.sender, address(this), amount);
        return amount;
    }

    /// @notice Repays up to `closeFactorBps` of an unhealthy position's debt (rounded up) and takes
    ///         `token` collateral worth the repayment plus the bonus (rounded down). If the borrower holds
    ///         less, the liquidator takes it all and repays only its value less the bonus (rounded up).
    function liquidate(address borrower, IERC20 token, uint256 maxRepay) external nonReentrant returns (uint256 repaid, uint256 seized) {
        _requireNotPaused();
        accrue();
        (, uint256 liq, uint256 debt) = accountOf(borrower);
        if (liq >= debt) revert Healthy(borrower);
        uint256 cap = Math.mulDiv(debt, closeFactorBps, BPS, Math.Rounding.Ceil);
        repaid = maxRepay < cap ? maxRepay : cap;
        uint256 price = priceOf(token);
        uint256 bonus = BPS + collaterals[token].liquidationBonusBps;
        seized = Math.mulDiv(repaid * bonus, WAD, BPS * price);
        uint256 held = collateralOf[borrower][token];
        if (seized > held) {
            seized = held;
            repaid = Math.mulDiv(held, price * BPS, WAD * bonus, Math.Rounding.Ceil);
        }
        if (repaid == 0 || seized == 0) revert ZeroAmount();
        repaid = _burnDebt(borrower, repaid);
        collateralOf[borrower][token] = held - seized;
        emit Liquidated(borrower, msg.sender, address(token), repaid, seized);
        asset.safeTransferFrom(msg.sender, address(this), repaid);
        token.safeTransfer(msg.sender, seized);
    }

    /// @notice Brings interest up to now. Anyone may call it; every action calls it first.
    function accrue() public {
        uint256 dt = block.timestamp - lastAccrual;
        if (dt == 0) return;
        uint256 borrows = totalBorrows;
        if (borrows != 0) {
            uint256 factor = borrowRate() * dt;
            uint256 interest = Math.mulDiv(borrows, factor, WAD * YEAR, Math.Rounding.Ceil);
            uint256 newBorrowIndex = borrowIndex + Math.mulDiv(borrowIndex, factor, WAD * YEAR, Math.Rounding.Ceil);
            uint256 reserve = Math.mulDiv(interest, reserveFactorBps, BPS, Math.Rounding.Ceil);
            uint256 newSupplyIndex = supplyIndex;
            if (totalScaledSupply == 0) reserve = interest;
            else newSupplyIndex += Math.mulDiv(interest - reserve, WAD, totalScaledSupply);
            borrowIndex = newBorrowIndex;
            supplyIndex = newSupplyIndex;
            totalBorrows = borrows + interest;
            totalReserves += reserve;
            interestAccrued += interest;
            emit Accrued(interest, reserve, newBorrowIndex, newSupplyIndex);
        }
        lastAccrual = uint64(block.timestamp);
    }

    // ---- tenant actions ----

    /// @notice Lists a collateral or changes its terms. Needs ltv <= threshold and a threshold such
    ///         that a liquidation with the bonus leaves the position healthier (threshold * (1 + bonus) < 1).
    function listCollateral(IERC20 token, CollateralConfig calldata cfg) external onlyAdmin {
        _list(token, cfg, asset);
    }

    function setPrice(IERC20 token, uint256 price) external onlyOperator {
        if (!collaterals[token].listed) revert NotListed(address(token));
        _setPrice(token, price);
    }

    function withdrawReserves(uint256 amount) external nonReentrant onlyAdmin {
        accrue();
        if (amount == 0 || amount > totalReserves) revert InsufficientBalance(amount, totalReserves);
        uint256 available = cash();
        if (amount > available) revert InsufficientLiquidity(amount, available);
        totalReserves -= amount;
        reservesWithdrawn += amount;
        emit ReservesWithdrawn(treasury, amount);
        asset.safeTransfer(treasury, amount);
    }

    function setPaused(bool value) external onlyAdmin {
        localPaused = value;
        emit PauseSet(value);
    }

    // ---- internals ----

    /// @dev `asset_` is passed in because immutables cannot be read during construction.
    function _list(IERC20 token, CollateralConfig memory cfg, IERC20 asset_) private {
        if (
            address(token) == address(0) || token == asset_ || cfg.ltvBps == 0 || cfg.ltvBps > cfg.liquidationThresholdBps
                || uint256(cfg.liquidationThresholdBps) * (BPS + cfg.liquidationBonusBps) >= BPS * BPS || cfg.maxPriceAge == 0
        ) revert InvalidConfig();
        Collateral storage c = collaterals[token];
        if (!c.listed) {
            if (collateralList.length == MAX_COLLATERALS) revert TooManyCollaterals();
            collateralList.push(token);
            c.listed = true;
            c.unit = 10 ** IERC20Metadata(address(token)).decimals();
        }
        c.ltvBps = cfg.ltvBps;
        c.liquidationThresholdBps = cfg.liquidationThresholdBps;
        c.liquidationBonusBps = cfg.liquidationBonusBps;
        c.maxPriceAge = cfg.maxPriceAge;
        c.feed = cfg.feed;
        emit CollateralListed(address(token), cfg);
    }

    function _setPrice(IERC20 token, uint256 price) private {
        if (price == 0) revert BadPrice(address(token));
        Collateral storage c = collaterals[token];
        c.price = price;
        c.priceUpdatedAt = uint64(block.timestamp);
        emit PriceSet(address(token), price);
    }

    function _burnDebt(address borrower, uint256 amount) private returns (uint256) {
        uint256 debt = debtOf(borrower);
        if (debt == 0) revert NothingToRepay(borrower);
        uint256 scaled;
        if (amount >= debt) {
            amount = debt;
            scaled = scaledDebt[borrower];
        } else {
            scaled = Math.mulDiv(amount, WAD, borrowIndex);
            if (scaled == 0) revert ZeroAmount();
        }
        scaledDebt[borrower] -= scaled;
        totalScaledDebt -= scaled;
        uint256 borrows = totalBorrows;
        if (amount > borrows) {
            interestAccrued += amount - borrows;
            totalBorrows = 0;
        } else if (totalScaledDebt == 0) {
            borrowsWrittenOff += borrows - amount;
            totalBorrows = 0;
        } else {
            totalBorrows = borrows - amount;
        }
        emit Repaid(borrower, msg.sender, amount, scaled);
        return amount;
    }

    function _requireBorrowCapacity(address user) private view {
        (uint256 capacity,, uint256 debt) = accountOf(user);
        if (debt > capacity) revert InsufficientCollateral(debt, capacity);
    }

    function _requireNotPaused() private view {
        if (paused()) revert PoolPaused();
    }

    function _service() internal view override returns (IService) {
        return service;
    }

    function _tenantId() internal view override returns (bytes32) {
        return tenantId;
    }
}
