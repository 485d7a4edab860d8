// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IService} from "./interfaces/IService.sol";
import {ServiceGated} from "./ServiceGated.sol";

/// @title A tenant's staking pool: stake one token, earn another, pro rata per second.
/// @notice The reward-per-token accumulator of Synthetix `StakingRewards`, with the reward rate kept
///         scaled by 1e18 so a budget that does not divide by the period loses less than one unit.
///         Every amount paid out is rounded down (in the pool's favour); the early-exit penalty is
///         rounded up. What rounding keeps back is never lost: rewards not yet promised to anyone
///         (periods with nobody staked, the rate's rounding) are `unallocatedRewards()` and can be
///         re-offered or returned to the tenant treasury, and the accumulator's rounding is
///         `rewardDust()`, recoverable once nobody is staked.
///         A staker's lock restarts with each stake and covers the whole balance; withdrawing before
///         it ends costs `earlyExitPenaltyBps` of the amount, paid to the tenant treasury.
///         Paused (by the tenant admin or the platform), stakers can still take their principal out
///         with `emergencyWithdraw`, without penalty; their rewards stay booked for later.
contract StakingPool is ServiceGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 public constant PRECISION = 1e18;
    /// @dev The accumulator carries another 1e18 so a large stake of an 18-decimal token earning a
    ///      6-decimal reward still accrues to the unit: each update loses < totalStaked / 1e36 units.
    uint256 public constant ACC_PRECISION = 1e36;
    uint16 public constant MAX_PENALTY_BPS = 5_000;
    uint256 private constant BPS = 10_000;

    struct Config {
        IService service;
        /// @notice The tenant factory that created the pool (checked by StakingPoolDeployer).
        address factory;
        bytes32 tenantId;
        bytes32 poolId;
        IERC20 stakingToken;
        IERC20 rewardToken;
        address treasury;
        uint64 rewardsDuration;
        uint64 lockPeriod;
        uint16 earlyExitPenaltyBps;
        uint256 maxStakePerUser;
        uint256 maxTotalStaked;
    }

    IService public immutable service;
    address public immutable factory;
    bytes32 public immutable tenantId;
    bytes32 public immutable poolId;
    IERC20 public immutable stakingToken;
    IERC20 public immutable rewardToken;
    address public immutable treasury;
    uint64 public immutable rewardsDuration;
    uint64 public immutable lockPeriod;
    uint16 public immutable earlyExitPenaltyBps;
    /// @notice 0 means no cap.
    uint256 public immutable maxStakePerUser;
    uint256 public immutable maxTotalStaked;

    bool public localPaused;
    uint64 public periodFinish;
    uint64 public lastUpdateTime;
    /// @notice Reward base units per second, times 1e18.
    uint256 public rewardRateScaled;
    /// @notice Reward base units per staked base unit, times 1e36.
    uint256 public rewardPerTokenStored;
    uint256 public totalStaked;

    /// @notice Every reward base unit ever paid in (times 1e18 for the emitted figure below).
    uint256 public rewardsFunded;
    /// @notice What the accumulator has handed out to stakers so far, times 1e18.
    uint256 public rewardsEmittedScaled;
    /// @notice Rewards credited to stakers' balances (each rounded down at its checkpoint).
    uint256 public rewardsCredited;
    uint256 public rewardsPaid;
    /// @notice Rewards returned to the treasury (unallocated, including dust folded back).
    uint256 public rewardsRecovered;

    mapping(address => uint256) public balanceOf;
    mapping(address => uint256) public userRewardPerTokenPaid;
    mapping(address => uint256) public rewards;
    mapping(address => uint64) public lockedUntil;

    event StakingPoolOpened(
        bytes32 indexed tenantId, bytes32 indexed poolId, address stakingToken, address rewardToken, uint64 rewardsDuration
    );
    event RewardAdded(uint256 reward, uint256 rewardRateScaled, uint64 periodFinish);
    event Staked(address indexed user, uint256 amount, uint256 balance, uint64 lockedUntil);
    event Withdrawn(address indexed user, uint256 amount, uint256 penalty, uint256 balance);
    event EmergencyWithdrawn(address indexed user, uint256 amount);
    event RewardPaid(address indexed user, uint256 reward);
    /// @notice `dustScaled` is the part of `amount` that was accumulator rounding, times 1e18.
    event RewardsRecovered(address indexed to, uint256 amount, uint256 dustScaled);
    event PauseSet(bool paused);

    error InvalidConfig();
    error ZeroAmount();
    error CapExceeded(uint256 requested, uint256 cap);
    error InsufficientBalance(uint256 requested, uint256 available);
    error NothingToClaim(address user);
    error NothingToRecover();
    error NotPaused();
    error PoolPaused();
    error RewardTooSmall(uint256 reward);

    constructor(Config memory c) {
        if (
            address(c.service) == address(0) || c.tenantId == bytes32(0) || address(c.stakingToken) == address(0)
                || address(c.rewardToken) == address(0) || c.treasury == address(0) || c.rewardsDuration == 0
                || c.earlyExitPenaltyBps > MAX_PENALTY_BPS
                || (c.maxStakePerUser != 0 && c.maxTotalStaked != 0 && c.maxStakePerUser > c.maxTotalStaked)
        ) revert InvalidConfig();
        service = c.service;
        factory = c.factory;
        tenantId = c.tenantId;
        poolId = c.poolId;
        stakingToken = c.stakingToken;
        rewardToken = c.rewardToken;
        treasury = c.treasury;
        rewardsDuration = c.rewardsDuration;
        lockPeriod = c.lockPeriod;
        earlyExitPenaltyBps = c.earlyExitPenaltyBps;
        maxStakePerUser = c.maxStakePerUser;
        maxTotalStaked = c.maxTotalStaked;
        emit StakingPoolOpened(c.tenantId, c.poolId, address(c.stakingToken), address(c.rewardToken), c.rewardsDuration);
    }

    // ---- views ----

    function paused() public view returns (bool) {
        return localPaused || service.paused();
    }

    function lastTimeRewardApplicable() public view returns (uint64) {
        return block.timestamp < periodFinish ? uint64(block.timestamp) : periodFinish;
    }

    function rewardPerToken() public view returns (uint256) {
        if (totalStaked == 0) return rewardPerTokenStored;
        return rewardPerTokenStored + Math.mulDiv(_elapsed() * rewardRateScaled, PRECISION, totalStaked);
    }

    /// @notice Rewards the user could claim now: booked plus accrued since their last checkpoint.
    function earned(address user) public view returns (uint256) {
        return rewards[user] + _accrued(user, rewardPerToken());
    }

    /// @notice Reward base units per second (the scaled rate rounded down), for display.
    function rewardRate() external view returns (uint256) {
        return rewardRateScaled / PRECISION;
    }

    /// @notice Rewards still to be emitted before the period ends, times 1e18.
    function _futureScaled() private view returns (uint256) {
        uint64 t = lastTimeRewardApplicable();
        return uint256(periodFinish - t) * rewardRateScaled;
    }

    /// @notice Rewards promised to nobody: funded, not emitted so far nor scheduled to be. Comes from
    ///         time with nobody staked, the rate's rounding and, once nobody is staked, the dust;
    ///         `notifyRewardAmount` can re-offer it and `recoverRewards` returns it.
    function unallocatedRewards() public view returns (uint256) {
        uint256 emitted = rewardsEmittedScaled + (totalStaked == 0 ? 0 : _elapsed() * rewardRateScaled);
        return (rewardsFunded * PRECISION - emitted - _futureScaled()) / PRECISION - rewardsRecovered;
    }

    /// @notice The accumulator's rounding: emitted to stakers but, rounded down at each checkpoint,
    ///         credited to none. Exact when nobody is staked (everyone has been checkpointed); while
    ///         stakes are open it includes their accruals not yet checkpointed. Folded back into the
    ///         unallocated rewards by `notifyRewardAmount` and `recoverRewards` when nobody is staked.
    function rewardDust() public view returns (uint256) {
        return rewardsEmittedScaled / PRECISION - rewardsCredited;
    }

    // ---- staker actions ----

    function stake(uint256 amount) external nonReentrant {
        _requireNotPaused();
        if (amount == 0) revert ZeroAmount();
        _checkpoint(msg.sender);
        uint256 before = stakingToken.balanceOf(address(this));
        stakingToken.safeTransferFrom(msg.sender, address(this), amount);
        // Fee-on-transfer tokens: credit what arrived.
        uint256 received = stakingToken.balanceOf(address(this)) - before;
        if (received == 0) revert ZeroAmount();
        uint256 balance = balanceOf[msg.sender] + received;
        if (maxStakePerUser != 0 && balance > maxStakePerUser) revert CapExceeded(balance, maxStakePerUser);
        uint256 total = totalStaked + received;
        if (maxTotalStaked != 0 && total > maxTotalStaked) revert CapExceeded(total, maxTotalStaked);
        balanceOf[msg.sender] = balance;
        totalStaked = total;
        uint64 until = uint64(block.timestamp) + lockPeriod;
        lockedUntil[msg.sender] = until;
        emit Staked(msg.sender, received, balance, until);
    }

    /// @notice Withdraws principal; before the lock ends, `earlyExitPenaltyBps` of it (rounded up)
    ///         goes to the tenant treasury. At exactly `lockedUntil` there is no penalty.
    function withdraw(uint256 amount) public nonReentrant {
        _requireNotPaused();
        _withdraw(msg.sender, amount);
    }

    function claim() public nonReentrant {
        _requireNotPaused();
        _checkpoint(msg.sender);
        if (!_claim(msg.sender)) revert NothingToClaim(msg.sender);
    }

    /// @notice Withdraws the whole balance and claims every reward.
    function exit() external nonReentrant {
        _requireNotPaused();
        _withdraw(msg.sender, balanceOf[msg.sender]);
        _claim(msg.sender);
    }

    /// @notice Only while paused: the whole principal back, no penalty. Rewards stay booked.
    function emergencyWithdraw() external nonReentrant {
        if (!paused()) revert NotPaused();
        uint256 amount = balanceOf[msg.sender];
        if (amount == 0) revert ZeroAmount();
        _checkpoint(msg.sender);
        balanceOf[msg.sender] = 0;
        totalStaked -= amount;
        emit EmergencyWithdrawn(msg.sender, amount);
        stakingToken.safeTransfer(msg.sender, amount);
    }

    // ---- tenant actions ----

    /// @notice Funds rewards (pulled from the caller) and starts a new period of `rewardsDuration`, or,
    ///         during a period, tops it up: the remainder plus the new reward spread over a fresh period.
    ///         `reuseUnallocated` re-offers rewards nobody was promised.
    function notifyRewardAmount(uint256 reward, bool reuseUnallocated) external nonReentrant onlyOperator {
        _requireNotPaused();
        _checkpoint(address(0));
        _foldDust();
        // Measured before the new reward is counted as funded, which would otherwise be offered twice.
        uint256 add = reuseUnallocated ? unallocatedRewards() * PRECISION : 0;
        uint256 received;
        if (reward != 0) {
            uint256 before = rewardToken.balanceOf(address(this));
            rewardToken.safeTransferFrom(msg.sender, address(this), reward);
            received = rewardToken.balanceOf(address(this)) - before;
            rewardsFunded += received;
        }
        add += received * PRECISION;
        uint256 newRate = (add + _futureScaled()) / rewardsDuration;
        if (newRate == 0) revert RewardTooSmall(reward);
        rewardRateScaled = newRate;
        lastUpdateTime = uint64(block.timestamp);
        periodFinish = uint64(block.timestamp) + rewardsDuration;
        emit RewardAdded(received, newRate, periodFinish);
    }

    /// @notice Returns to the treasury what nobody is owed: the unallocated rewards, which once nobody
    ///         is staked include the rounding dust (then every staker's share has been credited).
    function recoverRewards() external nonReentrant onlyOperator {
        _checkpoint(address(0));
        uint256 dust = _foldDust();
        uint256 amount = unallocatedRewards();
        if (amount == 0) revert NothingToRecover();
        rewardsRecovered += amount;
        emit RewardsRecovered(treasury, amount, dust);
        rewardToken.safeTransfer(treasury, amount);
    }

    function setPaused(bool value) external onlyAdmin {
        localPaused = value;
        emit PauseSet(value);
    }

    // ---- internals ----

    function _elapsed() private view returns (uint256) {
        uint64 t = lastTimeRewardApplicable();
        return t > lastUpdateTime ? t - lastUpdateTime : 0;
    }

    function _accrued(address user, uint256 rpt) private view returns (uint256) {
        return Math.mulDiv(balanceOf[user], rpt - userRewardPerTokenPaid[user], ACC_PRECISION);
    }

    /// @dev With nobody staked every accrual has been credited, so what was emitted beyond the credits
    ///      is exactly the rounding dust: count it as never emitted, which makes it unallocated.
    function _foldDust() private returns (uint256 dust) {
        if (totalStaked != 0) return 0;
        dust = rewardsEmittedScaled - rewardsCredited * PRECISION;
        rewardsEmittedScaled = rewardsCredited * PRECISION;
    }

    function _checkpoint(address user) private {
        if (totalStaked != 0) {
            uint256 emitted = _elapsed() * rewardRateScaled;
            rewardsEmittedScaled += emitted;
            rewardPerTokenStored += Math.mulDiv(emitted, PRECISION, totalStaked);
        }
        lastUpdateTime = lastTimeRewardApplicable();
        if (user != address(0)) {
            uint256 accrued = _accrued(user, rewardPerTokenStored);
            if (accrued != 0) {
                rewards[user] += accrued;
                rewardsCredited += accrued;
            }
            userRewardPerTokenPaid[user] = rewardPerTokenStored;
        }
    }

    function _withdraw(address user, uint256 amount) private {
        uint256 balance = balanceOf[user];
        if (amount == 0 || amount > balance) revert InsufficientBalance(amount, balance);
        _checkpoint(user);
        uint256 penalty;
        if (block.timestamp < lockedUntil[user]) {
            penalty = Math.mulDiv(amount, earlyExitPenaltyBps, BPS, Math.Rounding.Ceil);
        }
        balanceOf[user] = balance - amount;
        totalStaked -= amount;
        emit Withdrawn(user, amount, penalty, balance - amount);
        if (penalty != 0) stakingToken.safeTransfer(treasury, penalty);
        stakingToken.safeTransfer(user, amount - penalty);
    }

    function _claim(address user) private returns (bool) {
        uint256 reward = rewards[user];
        if (reward == 0) return false;
        rewards[user] = 0;
        rewardsPaid += reward;
        emit RewardPaid(user, reward);
        rewardToken.safeTransfer(user, reward);
        return true;
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
