// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IService} from "./interfaces/IService.sol";
import {ITokenSale} from "./interfaces/ITokenSale.sol";
import {ServiceGated} from "./ServiceGated.sol";

/// @title Pooled contributions into one deal.
/// @notice Members contribute (and may withdraw) until `lockTime`; then the pool invests into the
///         TokenSale as a single position. Once the sale's outcome is final, each member receives a
///         pro-rata share of what came back: sale tokens, plus any payment refunded or left uninvested.
contract Pool is ServiceGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    IService internal immutable _serviceContract;
    ITokenSale public immutable sale;
    IERC20 public immutable paymentToken;
    IERC20 public immutable saleToken;
    uint64 public immutable lockTime;

    uint256 public totalContributed;
    uint256 public investedAmount;
    bool public invested;
    bool public finalized;
    uint256 public tokensToDistribute;
    uint256 public paymentToDistribute;
    mapping(address member => uint256) public contributions;
    mapping(address member => bool) public claimed;

    event Contributed(address indexed member, uint256 amount, uint256 total);
    event Withdrawn(address indexed member, uint256 amount, uint256 total);
    event PoolInvested(uint256 amount);
    event PoolFinalized(uint256 tokens, uint256 payment);
    event PoolClaimed(address indexed member, uint256 tokens, uint256 payment);

    error NativePaymentUnsupported();
    error Locked(uint64 lockTime);
    error NotLocked(uint64 lockTime);
    error NotEligible(address member);
    error AboveMaximum(uint256 total, uint256 maximum);
    error InsufficientContribution(uint256 requested, uint256 available);
    error AlreadyInvested();
    error NothingToInvest();
    error SaleNotFinal(ITokenSale.Status status);
    error AlreadyFinalized();
    error NotFinalized();
    error NothingToClaim(address member);

    constructor(IService service_, ITokenSale sale_, uint64 lockTime_) {
        if (sale_.paymentToken() == address(0)) revert NativePaymentUnsupported();
        _serviceContract = service_;
        sale = sale_;
        paymentToken = IERC20(sale_.paymentToken());
        saleToken = IERC20(sale_.saleToken());
        lockTime = lockTime_;
    }

    function contribute(uint256 amount) external nonReentrant whenNotPaused {
        if (block.timestamp >= lockTime) revert Locked(lockTime);
        // Pool members pass the same eligibility as direct investors and the same per-investor cap.
        if (!sale.allowlisted(msg.sender)) revert NotEligible(msg.sender);
        uint256 before = paymentToken.balanceOf(address(this));
        paymentToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = paymentToken.balanceOf(address(this)) - before;
        uint256 total = contributions[msg.sender] + received;
        if (total > sale.maxInvestment()) revert AboveMaximum(total, sale.maxInvestment());
        contributions[msg.sender] = total;
        totalContributed += received;
        emit Contributed(msg.sender, received, total);
    }

    function withdraw(uint256 amount) external nonReentrant whenNotPaused {
        if (block.timestamp >= lockTime) revert Locked(lockTime);
        uint256 current = contributions[msg.sender];
        if (amount == 0 || amount > current) revert InsufficientContribution(amount, current);
        contributions[msg.sender] = current - amount;
        totalContributed -= amount;
        emit Withdrawn(msg.sender, amount, current - amount);
        paymentToken.safeTransfer(msg.sender, amount);
    }

    /// @notice After the lock, invests everything the sale still has room for. Permissionless:
    ///         the amount and destination follow from state, not from the caller.
    function invest() external nonReentrant whenNotPaused {
        if (block.timestamp < lockTime) revert NotLocked(lockTime);
        if (invested) revert AlreadyInvested();
        uint256 amount = Math.min(totalContributed, sale.hardCap() - sale.totalRaised());
        if (amount == 0) revert NothingToInvest();
        invested = true;
        investedAmount = amount;
        emit PoolInvested(amount);
        paymentToken.forceApprove(address(sale), amount);
        sale.invest(amount);
    }

    /// @notice Collects the sale's outcome (tokens or refund) and fixes the amounts to split.
    ///         A failed sale's refund path stays open during an emergency pause, like the sale's own.
    function finalize() external nonReentrant {
        if (finalized) revert AlreadyFinalized();
        ITokenSale.Status s = sale.status();
        if (s != ITokenSale.Status.Succeeded && s != ITokenSale.Status.Failed) revert SaleNotFinal(s);
        if (s == ITokenSale.Status.Succeeded) _requireNotPaused();
        finalized = true;
        if (invested && s == ITokenSale.Status.Succeeded) sale.claim();
        if (invested && s == ITokenSale.Status.Failed) sale.refund();
        tokensToDistribute = saleToken.balanceOf(address(this));
        paymentToDistribute = paymentToken.balanceOf(address(this));
        emit PoolFinalized(tokensToDistribute, paymentToDistribute);
    }

    function claim() external nonReentrant {
        if (!finalized) revert NotFinalized();
        if (tokensToDistribute != 0) _requireNotPaused();
        uint256 share = contributions[msg.sender];
        if (share == 0 || claimed[msg.sender]) revert NothingToClaim(msg.sender);
        claimed[msg.sender] = true;
        // Rounded down, so the sum of shares never exceeds what the pool holds.
        uint256 tokens = Math.mulDiv(tokensToDistribute, share, totalContributed);
        uint256 payment = Math.mulDiv(paymentToDistribute, share, totalContributed);
        emit PoolClaimed(msg.sender, tokens, payment);
        if (tokens != 0) saleToken.safeTransfer(msg.sender, tokens);
        if (payment != 0) paymentToken.safeTransfer(msg.sender, payment);
    }

    function _service() internal view override returns (IService) {
        return _serviceContract;
    }

    function _requireNotPaused() private view {
        if (_serviceContract.paused()) revert SystemPaused();
    }
}
