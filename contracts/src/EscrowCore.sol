// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IService} from "./interfaces/IService.sol";
import {ITokenSale} from "./interfaces/ITokenSale.sol";
import {ServiceGated} from "./ServiceGated.sol";

// File-level so the factory announces the same deadline the escrow enforces.
// The platform must release or reject within this window unless it extends it.
uint256 constant ESCROW_DECISION_WINDOW = 14 days;
// No escrow lives longer than this: extensions cannot go past it.
uint256 constant ESCROW_MAX_LIFETIME = 30 days;

/// @title Holds one investor's funds for one deal while compliance review is pending.
/// @notice The only two places money can go are hard-wired: the investor (every refund path) and
///         the deal's TokenSale (release). No function takes a destination address.
///         Where the terms come from (clone arguments or constructor immutables) is left to the
///         concrete contract so the production clone and the benchmark's full deployment share this code.
abstract contract EscrowCore is ServiceGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 public constant DECISION_WINDOW = ESCROW_DECISION_WINDOW;
    uint256 public constant MAX_LIFETIME = ESCROW_MAX_LIFETIME;

    enum State {
        Pending,
        Released,
        Refunded
    }

    enum RefundReason {
        None,
        Rejected,
        Timeout,
        Manual
    }

    struct Terms {
        address sale;
        address investor;
        /// @dev address(0) means native ETH.
        address token;
        uint256 amount;
        uint256 createdAt;
    }

    State public state;
    /// @dev Zero until the platform extends the decision deadline; saves a storage write per escrow.
    uint40 private _extendedDeadline;

    IService private immutable _serviceContract;

    event Released(address indexed sale, address indexed investor, uint256 amount);
    event Refunded(address indexed investor, uint256 amount, RefundReason reason, bytes32 reasonCode);
    event DeadlineExtended(uint256 previousDeadline, uint256 newDeadline);
    event StrandedRecovered(address indexed token, address indexed investor, uint256 amount);

    error NotPending(State state);
    error DecisionWindowClosed(uint256 deadline);
    error DecisionWindowOpen(uint256 deadline);
    error InvalidDeadline(uint256 requested, uint256 latestAllowed);
    error EthTransferFailed();
    error NothingToRecover(address token);

    constructor(IService service_) {
        _serviceContract = service_;
    }

    function terms() public view virtual returns (Terms memory);

    function decisionDeadline() public view returns (uint256) {
        uint256 extended = _extendedDeadline;
        return extended != 0 ? extended : terms().createdAt + DECISION_WINDOW;
    }

    function expiresAt() public view returns (uint256) {
        return terms().createdAt + MAX_LIFETIME;
    }

    /// @notice Compliance cleared: move the funds into the deal as the investor's contribution.
    function release() external nonReentrant whenNotPaused onlyOperator {
        Terms memory t = terms();
        _closeWithinWindow(State.Released);
        emit Released(t.sale, t.investor, t.amount);
        if (t.token == address(0)) {
            ITokenSale(t.sale).depositFromEscrow{value: t.amount}(t.investor, t.amount);
        } else {
            IERC20(t.token).forceApprove(t.sale, t.amount);
            ITokenSale(t.sale).depositFromEscrow(t.investor, t.amount);
        }
    }

    /// @notice Compliance refused the investor: the funds go back.
    /// @dev Not blocked by the emergency pause: it can only return the money to the investor, and an
    ///      investor whom compliance refused should not have to wait out the deadline because the
    ///      platform is paused. Release and extension stay blocked while paused.
    function reject() external nonReentrant onlyAdmin {
        _closeWithinWindow(State.Refunded);
        _refund(RefundReason.Rejected, bytes32(0));
    }

    /// @notice Admin refund for cases compliance review does not cover (investor cancels, deal withdrawn).
    ///         Like rejection, it stays available during a pause because it only pays the investor.
    function refundManually(bytes32 reasonCode) external nonReentrant onlyAdmin {
        _requirePending();
        state = State.Refunded;
        _refund(RefundReason.Manual, reasonCode);
    }

    /// @notice The platform missed its deadline: anyone may send the funds back to the investor.
    ///         Deliberately not blocked by the emergency pause, so a pause can never trap funds.
    function refundAfterTimeout() external nonReentrant {
        _requirePending();
        uint256 deadline = decisionDeadline();
        if (block.timestamp <= deadline) revert DecisionWindowOpen(deadline);
        state = State.Refunded;
        _refund(RefundReason.Timeout, bytes32(0));
    }

    /// @notice Gives compliance more time, never past the 30-day maximum life.
    function extendDecisionDeadline(uint40 newDeadline) external whenNotPaused onlyOperator {
        _requirePending();
        uint256 current = decisionDeadline();
        if (block.timestamp > current) revert DecisionWindowClosed(current);
        uint256 latest = expiresAt();
        if (newDeadline <= current || newDeadline > latest) revert InvalidDeadline(newDeadline, latest);
        _extendedDeadline = newDeadline;
        emit DeadlineExtended(current, newDeadline);
    }

    /// @notice Sends the investor anything this escrow holds beyond what it owes (tokens sent to it by
    ///         mistake, any token other than its own). Anyone may call it: the investor is the only recipient.
    function recoverStranded(address token) external nonReentrant {
        Terms memory t = terms();
        uint256 balance = token == address(0) ? address(this).balance : IERC20(token).balanceOf(address(this));
        uint256 reserved = token == t.token && state == State.Pending ? t.amount : 0;
        if (balance <= reserved) revert NothingToRecover(token);
        uint256 amount = balance - reserved;
        emit StrandedRecovered(token, t.investor, amount);
        if (token == address(0)) {
            (bool ok,) = t.investor.call{value: amount}("");
            if (!ok) revert EthTransferFailed();
        } else {
            IERC20(token).safeTransfer(t.investor, amount);
        }
    }

    function _service() internal view override returns (IService) {
        return _serviceContract;
    }

    /// @dev The escrow belongs to its sale's tenant; only that tenant's roles may decide it.
    function _tenantId() internal view override returns (bytes32) {
        return ITokenSale(terms().sale).tenantId();
    }

    function _requirePending() private view {
        if (state != State.Pending) revert NotPending(state);
    }

    function _closeWithinWindow(State next) private {
        _requirePending();
        uint256 deadline = decisionDeadline();
        if (block.timestamp > deadline) revert DecisionWindowClosed(deadline);
        state = next;
    }

    function _refund(RefundReason reason, bytes32 reasonCode) private {
        Terms memory t = terms();
        emit Refunded(t.investor, t.amount, reason, reasonCode);
        if (t.token == address(0)) {
            (bool ok,) = t.investor.call{value: t.amount}("");
            if (!ok) revert EthTransferFailed();
        } else {
            IERC20(t.token).safeTransfer(t.investor, t.amount);
        }
    }
}
