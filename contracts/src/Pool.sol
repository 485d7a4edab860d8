// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IService} from "./interfaces/IService.sol";
import {ITokenSale} from "./interfaces/ITokenSale.sol";
import {ServiceGated} from "./ServiceGated.sol";

/// @title Pooled contributions into one deal (an ERC-1167 clone; its terms are immutable arguments).
/// @notice Members contribute (and may withdraw) until `lockTime`; then the pool invests into the
///         TokenSale as a single position. Once the sale's outcome is final, the pool is finalized and
///         each member receives a pro-rata share of what came back: sale tokens, plus any payment
///         refunded or left uninvested. Finalizing closes contributions and withdrawals for good, so a
///         member is paid either by withdrawing or by claiming, never both.
contract Pool is ServiceGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev Packed layout: service(20) sale(20) paymentToken(20) saleToken(20) lockTime(8) = 88 bytes.
    uint256 internal constant ARGS_LENGTH = 88;

    address private immutable _implementation;

    uint256 public totalContributed;
    uint256 public investedAmount;
    bool public invested;
    bool public finalized;
    uint256 public tokensToDistribute;
    uint256 public paymentToDistribute;
    /// @notice Contributions whose share has been claimed; what remains reserved follows from the rest.
    uint256 public claimedContributions;
    mapping(address member => uint256) public contributions;
    mapping(address member => bool) public claimed;

    event Contributed(address indexed member, uint256 amount, uint256 total);
    event Withdrawn(address indexed member, uint256 amount, uint256 total);
    event PoolInvested(uint256 amount);
    event PoolFinalized(uint256 tokens, uint256 payment);
    event PoolClaimed(address indexed member, uint256 tokens, uint256 payment);
    event StrandedRecovered(address indexed token, address indexed to, uint256 amount);

    error NotAClone();
    error Locked(uint64 lockTime);
    error NotLocked(uint64 lockTime);
    error InsufficientContribution(uint256 requested, uint256 available);
    error AlreadyInvested();
    error NothingToInvest();
    error SaleNotFinal(ITokenSale.Status status);
    error AlreadyFinalized();
    error NotFinalized();
    error NothingToClaim(address member);
    error NothingToRecover(address token);

    constructor() {
        _implementation = address(this);
    }

    function service() public view returns (IService s) {
        (s,,,,) = _terms();
    }

    function sale() public view returns (ITokenSale s) {
        (, s,,,) = _terms();
    }

    function paymentToken() external view returns (IERC20 t) {
        (,, t,,) = _terms();
    }

    function saleToken() external view returns (IERC20 t) {
        (,,, t,) = _terms();
    }

    function lockTime() external view returns (uint64 t) {
        (,,,, t) = _terms();
    }

    function contribute(uint256 amount) external nonReentrant whenNotPaused {
        (, ITokenSale sale_, IERC20 payment,, uint64 lock) = _terms();
        _requireOpenForMembers(lock);
        uint256 before = payment.balanceOf(address(this));
        payment.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = payment.balanceOf(address(this)) - before;
        // The sale checks eligibility and the per-investor maximum over direct + pooled money.
        sale_.addPooled(msg.sender, received);
        uint256 total = contributions[msg.sender] + received;
        contributions[msg.sender] = total;
        totalContributed += received;
        emit Contributed(msg.sender, received, total);
    }

    function withdraw(uint256 amount) external nonReentrant whenNotPaused {
        (, ITokenSale sale_, IERC20 payment,, uint64 lock) = _terms();
        _requireOpenForMembers(lock);
        uint256 current = contributions[msg.sender];
        if (amount == 0 || amount > current) revert InsufficientContribution(amount, current);
        contributions[msg.sender] = current - amount;
        totalContributed -= amount;
        sale_.removePooled(msg.sender, amount);
        emit Withdrawn(msg.sender, amount, current - amount);
        payment.safeTransfer(msg.sender, amount);
    }

    /// @notice After the lock, invests everything the sale still has room for. Permissionless:
    ///         the amount and destination follow from state, not from the caller.
    function invest() external nonReentrant whenNotPaused {
        (, ITokenSale sale_, IERC20 payment,, uint64 lock) = _terms();
        if (block.timestamp < lock) revert NotLocked(lock);
        if (finalized) revert AlreadyFinalized();
        if (invested) revert AlreadyInvested();
        uint256 amount = Math.min(totalContributed, sale_.hardCap() - sale_.totalRaised());
        if (amount == 0) revert NothingToInvest();
        invested = true;
        investedAmount = amount;
        emit PoolInvested(amount);
        payment.forceApprove(address(sale_), amount);
        sale_.invest(amount);
    }

    /// @notice Collects the sale's outcome (tokens or refund) and fixes the amounts to split.
    ///         A failed sale's refund path stays open during an emergency pause, like the sale's own.
    function finalize() external nonReentrant {
        (, ITokenSale sale_, IERC20 payment, IERC20 saleTok,) = _terms();
        if (finalized) revert AlreadyFinalized();
        ITokenSale.Status s = sale_.status();
        if (s != ITokenSale.Status.Succeeded && s != ITokenSale.Status.Failed) revert SaleNotFinal(s);
        if (s == ITokenSale.Status.Succeeded) _requireNotPaused();
        finalized = true;
        // A position too small to be worth one token base unit has nothing to claim; finalizing must
        // still go through so members get the uninvested payment back.
        if (invested && s == ITokenSale.Status.Succeeded && sale_.allocationOf(address(this)) != 0) sale_.claim();
        if (invested && s == ITokenSale.Status.Failed) sale_.refund();
        tokensToDistribute = saleTok.balanceOf(address(this));
        paymentToDistribute = payment.balanceOf(address(this));
        emit PoolFinalized(tokensToDistribute, paymentToDistribute);
    }

    function claim() external nonReentrant {
        (,, IERC20 payment, IERC20 saleTok,) = _terms();
        if (!finalized) revert NotFinalized();
        if (tokensToDistribute != 0) _requireNotPaused();
        uint256 share = contributions[msg.sender];
        if (share == 0 || claimed[msg.sender]) revert NothingToClaim(msg.sender);
        claimed[msg.sender] = true;
        // Rounded down, so the sum of shares never exceeds what the pool holds.
        uint256 tokens = Math.mulDiv(tokensToDistribute, share, totalContributed);
        uint256 payment_ = Math.mulDiv(paymentToDistribute, share, totalContributed);
        claimedContributions += share;
        emit PoolClaimed(msg.sender, tokens, payment_);
        if (tokens != 0) saleTok.safeTransfer(msg.sender, tokens);
        if (payment_ != 0) payment.safeTransfer(msg.sender, payment_);
    }

    /// @notice Sends what no member is owed (rounding dust once finalized, unrelated tokens) to the
    ///         tenant's treasury. Unclaimed shares are subtracted first; before finalizing, the payment
    ///         and sale tokens are all owed to members and cannot be recovered.
    function recoverStranded(address token) external nonReentrant whenNotPaused onlyOperator {
        (, ITokenSale sale_, IERC20 payment, IERC20 saleTok,) = _terms();
        uint256 balance = IERC20(token).balanceOf(address(this));
        uint256 reserved;
        if (token == address(payment) || token == address(saleTok)) {
            if (!finalized) revert NotFinalized();
            // Unclaimed shares are each rounded down, so together they never exceed this.
            uint256 total = token == address(payment) ? paymentToDistribute : tokensToDistribute;
            uint256 unclaimed = totalContributed - claimedContributions;
            reserved = totalContributed == 0 ? 0 : Math.mulDiv(total, unclaimed, totalContributed);
        }
        if (balance <= reserved) revert NothingToRecover(token);
        address to = sale_.tenantTreasury();
        emit StrandedRecovered(token, to, balance - reserved);
        IERC20(token).safeTransfer(to, balance - reserved);
    }

    function _requireOpenForMembers(uint64 lock) private view {
        if (finalized) revert AlreadyFinalized();
        if (block.timestamp >= lock) revert Locked(lock);
    }

    function _terms()
        private
        view
        returns (IService service_, ITokenSale sale_, IERC20 payment, IERC20 saleTok, uint64 lock)
    {
        // The implementation itself has no arguments appended; reading them would return garbage.
        if (address(this) == _implementation) revert NotAClone();
        bytes memory args = Clones.fetchCloneArgs(address(this));
        if (args.length != ARGS_LENGTH) revert NotAClone();
        assembly ("memory-safe") {
            let p := add(args, 32)
            service_ := shr(96, mload(p))
            sale_ := shr(96, mload(add(p, 20)))
            payment := shr(96, mload(add(p, 40)))
            saleTok := shr(96, mload(add(p, 60)))
            lock := shr(192, mload(add(p, 80)))
        }
    }

    function _service() internal view override returns (IService) {
        return service();
    }

    function _tenantId() internal view override returns (bytes32) {
        return sale().tenantId();
    }

    function _requireNotPaused() private view {
        if (service().paused()) revert SystemPaused();
    }
}
