// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IService} from "./interfaces/IService.sol";
import {ITokenSale} from "./interfaces/ITokenSale.sol";
import {IEscrowFactory} from "./interfaces/IEscrowFactory.sol";
import {ServiceGated} from "./ServiceGated.sol";

/// @title One deal's primary sale.
/// @notice Investors pay in one currency (an ERC-20, or native ETH when `paymentToken` is zero).
///         Success (soft cap met by the end, or hard cap reached) lets anyone settle: the fee goes
///         through the Service split, the rest to the issuer, and investors claim their tokens.
///         Failure (soft cap missed, or the deal cancelled) lets every investor take a refund.
contract TokenSale is ITokenSale, ServiceGated, ReentrancyGuardTransient, EIP712 {
    using SafeERC20 for IERC20;

    struct Config {
        IService service;
        IEscrowFactory escrowFactory;
        bytes32 tenantId;
        bytes32 dealId;
        address paymentToken;
        address saleToken;
        address issuerTreasury;
        address tenantTreasury;
        uint256 softCap;
        uint256 hardCap;
        uint256 minInvestment;
        uint256 maxInvestment;
        uint64 startTime;
        uint64 endTime;
        /// @dev Sale-token base units per payment base unit, scaled by 1e18.
        uint256 tokensPerPaymentUnit;
    }

    /// @notice What the compliance signer approves: `investor` may bring their total contribution
    ///         up to `amount` until `deadline`. Cumulative, so replaying it can never exceed `amount`.
    bytes32 public constant ELIGIBILITY_TYPEHASH =
        keccak256("Eligibility(address investor,uint256 amount,uint256 deadline)");
    uint256 internal constant RATE_SCALE = 1e18;

    IService internal immutable _serviceContract;
    IEscrowFactory public immutable escrowFactory;
    address public immutable factory;
    bytes32 public immutable tenantId;
    bytes32 public immutable dealId;
    address public immutable paymentToken;
    address public immutable saleToken;
    address public immutable issuerTreasury;
    address public immutable tenantTreasury;
    uint256 public immutable softCap;
    uint256 public immutable hardCap;
    uint256 public immutable minInvestment;
    uint256 public immutable maxInvestment;
    uint64 public immutable startTime;
    uint64 public immutable endTime;
    uint256 public immutable tokensPerPaymentUnit;

    uint256 public totalRaised;
    address public pool;
    bool public settled;
    bool public cancelled;
    mapping(address investor => uint256) public contributions;
    mapping(address investor => bool) public claimed;
    mapping(address investor => bool) public allowlisted;

    event Invested(address indexed investor, address indexed payer, uint256 amount, uint256 totalContribution);
    event AllowlistUpdated(address indexed investor, bool allowed);
    event PoolAttached(address indexed pool);
    event Settled(uint256 gross, uint256 platformFee, uint256 tenantFee, uint256 issuerProceeds);
    event Claimed(address indexed investor, uint256 tokens);
    event RefundPaid(address indexed investor, uint256 amount);
    event Cancelled(address indexed by);

    error InvalidConfig();
    error NotOpen(Status status);
    error NotEligible(address investor);
    error SignatureExpired(uint256 deadline);
    error BadSignature();
    error AboveApprovedAmount(uint256 total, uint256 approved);
    error BelowMinimum(uint256 total, uint256 minimum);
    error AboveMaximum(uint256 total, uint256 maximum);
    error HardCapExceeded(uint256 total, uint256 hardCap);
    error WrongValue(uint256 sent);
    error NotFromEscrow(address caller);
    error NotSucceeded(Status status);
    error NotFailed(Status status);
    error AlreadySettled();
    error NotSettled();
    error NothingToClaim(address investor);
    error NothingToRefund(address investor);
    error SaleTokensMissing(uint256 held, uint256 owed);
    error NotFactory(address caller);
    error PoolAlreadySet();
    error CannotCancel(Status status);
    error EthTransferFailed();

    constructor(Config memory c) EIP712("TokenSale", "1") {
        if (
            c.softCap > c.hardCap || c.hardCap == 0 || c.minInvestment > c.maxInvestment || c.startTime >= c.endTime
                || c.tokensPerPaymentUnit == 0 || c.saleToken == address(0) || c.issuerTreasury == address(0)
                || c.tenantTreasury == address(0)
        ) revert InvalidConfig();
        _serviceContract = c.service;
        escrowFactory = c.escrowFactory;
        factory = msg.sender;
        tenantId = c.tenantId;
        dealId = c.dealId;
        paymentToken = c.paymentToken;
        saleToken = c.saleToken;
        issuerTreasury = c.issuerTreasury;
        tenantTreasury = c.tenantTreasury;
        softCap = c.softCap;
        hardCap = c.hardCap;
        minInvestment = c.minInvestment;
        maxInvestment = c.maxInvestment;
        startTime = c.startTime;
        endTime = c.endTime;
        tokensPerPaymentUnit = c.tokensPerPaymentUnit;
    }

    function status() public view returns (Status) {
        if (cancelled) return Status.Failed;
        if (totalRaised >= hardCap) return Status.Succeeded;
        if (block.timestamp < startTime) return Status.Pending;
        if (block.timestamp <= endTime) return Status.Open;
        return totalRaised >= softCap ? Status.Succeeded : Status.Failed;
    }

    function allocationOf(address investor) public view returns (uint256) {
        return (contributions[investor] * tokensPerPaymentUnit) / RATE_SCALE;
    }

    /// @notice Invest as an allowlisted investor (or as the deal's pool).
    function invest(uint256 amount) external payable nonReentrant whenNotPaused {
        if (!allowlisted[msg.sender]) revert NotEligible(msg.sender);
        _invest(msg.sender, msg.sender, amount);
    }

    /// @notice Invest with an EIP-712 approval from the platform's compliance signer.
    function investWithApproval(uint256 amount, uint256 approvedAmount, uint256 deadline, bytes calldata signature)
        external
        payable
        nonReentrant
        whenNotPaused
    {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(ELIGIBILITY_TYPEHASH, msg.sender, approvedAmount, deadline)));
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, signature);
        if (err != ECDSA.RecoverError.NoError || signer == address(0) || signer != _service().complianceSigner()) {
            revert BadSignature();
        }
        uint256 total = _invest(msg.sender, msg.sender, amount);
        if (total > approvedAmount) revert AboveApprovedAmount(total, approvedAmount);
    }

    /// @notice Called by an escrow when the platform releases it; compliance already cleared the investor.
    function depositFromEscrow(address investor, uint256 amount) external payable nonReentrant whenNotPaused {
        if (escrowFactory.saleOfEscrow(msg.sender) != address(this)) revert NotFromEscrow(msg.sender);
        _invest(investor, msg.sender, amount);
    }

    /// @notice Pays out a successful sale. Permissionless: every destination is fixed at deployment.
    function settle() external nonReentrant whenNotPaused {
        Status s = status();
        if (s != Status.Succeeded) revert NotSucceeded(s);
        if (settled) revert AlreadySettled();
        uint256 gross = totalRaised;
        // Investors' tokens must be in place before the issuer is paid, or claims could come up short.
        uint256 owed = (gross * tokensPerPaymentUnit) / RATE_SCALE;
        uint256 held = IERC20(saleToken).balanceOf(address(this));
        if (held < owed) revert SaleTokensMissing(held, owed);
        settled = true;

        (uint256 platformFee, uint256 tenantFee) = _service().feeSplit(gross);
        uint256 proceeds = gross - platformFee - tenantFee;
        emit Settled(gross, platformFee, tenantFee, proceeds);
        _pay(_service().feeRecipient(), platformFee);
        _pay(tenantTreasury, tenantFee);
        _pay(issuerTreasury, proceeds);
    }

    function claim() external nonReentrant whenNotPaused {
        if (!settled) revert NotSettled();
        uint256 tokens = allocationOf(msg.sender);
        if (tokens == 0 || claimed[msg.sender]) revert NothingToClaim(msg.sender);
        claimed[msg.sender] = true;
        emit Claimed(msg.sender, tokens);
        IERC20(saleToken).safeTransfer(msg.sender, tokens);
    }

    /// @notice Returns a contribution once the sale has failed. Not blocked by the emergency pause:
    ///         the sale is over, and a pause must never trap investors' money.
    function refund() external nonReentrant {
        Status s = status();
        if (s != Status.Failed) revert NotFailed(s);
        uint256 amount = contributions[msg.sender];
        if (amount == 0) revert NothingToRefund(msg.sender);
        contributions[msg.sender] = 0;
        emit RefundPaid(msg.sender, amount);
        _pay(msg.sender, amount);
    }

    function cancel() external whenNotPaused onlyOperator {
        Status s = status();
        if (s == Status.Succeeded || s == Status.Failed) revert CannotCancel(s);
        cancelled = true;
        emit Cancelled(msg.sender);
    }

    function setAllowlist(address[] calldata investors, bool allowed) external whenNotPaused onlyOperator {
        for (uint256 i = 0; i < investors.length; ++i) {
            allowlisted[investors[i]] = allowed;
            emit AllowlistUpdated(investors[i], allowed);
        }
    }

    /// @notice The deal's pool invests as one position, so it is eligible and exempt from per-investor limits.
    function setPool(address pool_) external {
        if (msg.sender != factory) revert NotFactory(msg.sender);
        if (pool != address(0)) revert PoolAlreadySet();
        pool = pool_;
        allowlisted[pool_] = true;
        emit PoolAttached(pool_);
        emit AllowlistUpdated(pool_, true);
    }

    function _service() internal view override returns (IService) {
        return _serviceContract;
    }

    function _invest(address investor, address payer, uint256 amount) private returns (uint256 total) {
        Status s = status();
        if (s != Status.Open) revert NotOpen(s);
        uint256 received = _collect(payer, amount);
        total = contributions[investor] + received;
        if (investor != pool) {
            if (total < minInvestment) revert BelowMinimum(total, minInvestment);
            if (total > maxInvestment) revert AboveMaximum(total, maxInvestment);
        }
        uint256 raised = totalRaised + received;
        if (raised > hardCap) revert HardCapExceeded(raised, hardCap);
        contributions[investor] = total;
        totalRaised = raised;
        emit Invested(investor, payer, received, total);
    }

    /// @dev Credits what actually arrived, so a fee-on-transfer token can never make the books
    ///      promise more than the contract holds. Runs under the reentrancy guard.
    function _collect(address payer, uint256 amount) private returns (uint256) {
        if (paymentToken == address(0)) {
            if (msg.value != amount) revert WrongValue(msg.value);
            return amount;
        }
        if (msg.value != 0) revert WrongValue(msg.value);
        IERC20 token = IERC20(paymentToken);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(payer, address(this), amount);
        return token.balanceOf(address(this)) - before;
    }

    function _pay(address to, uint256 amount) private {
        if (amount == 0) return;
        if (paymentToken == address(0)) {
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert EthTransferFailed();
        } else {
            IERC20(paymentToken).safeTransfer(to, amount);
        }
    }
}
