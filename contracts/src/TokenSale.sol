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
///         Success (soft cap met by the end, or hard cap reached) lets anyone settle within the
///         settlement window: investors' tokens must be in the contract, then the fee (fixed when the
///         sale was created) and the proceeds are booked for their recipients to withdraw, and
///         investors claim their tokens. Failure (soft cap missed, deal cancelled, or success never
///         settled in time) lets every investor take their contribution back.
contract TokenSale is ITokenSale, ServiceGated, ReentrancyGuardTransient, EIP712 {
    using SafeERC20 for IERC20;

    struct Config {
        IService service;
        IEscrowFactory escrowFactory;
        /// @dev The tenant factory that owns this sale (checked by SaleDeployer to be its caller).
        address factory;
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
        uint16 feeBps;
        uint16 tenantShareBps;
    }

    /// @notice What the compliance signer approves: `investor` may bring their total contribution
    ///         up to `amount` until `deadline`. Cumulative, so replaying it can never exceed `amount`.
    bytes32 public constant ELIGIBILITY_TYPEHASH =
        keccak256("Eligibility(address investor,uint256 amount,uint256 deadline)");
    /// @notice How long after the end a successful sale may still be settled. We chose a deadline over
    ///         "deposit the tokens before opening" because it also covers ETH deals and a hard cap
    ///         reached early, lets the issuer mint after knowing the raise, and keeps the escape
    ///         path in the investors' own hands: once it lapses the sale counts as failed and every
    ///         investor (and pool) pulls a refund. Nobody can extend it.
    uint256 public constant SETTLEMENT_WINDOW = 30 days;
    uint16 public constant MAX_FEE_BPS = 1_000;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant RATE_SCALE = 1e18;

    /// @dev One slot per investor: the first investment after allowlisting rewrites a non-zero slot
    ///      instead of creating one, and every limit check reads a single slot.
    struct Position {
        uint128 contributed;
        /// @dev What the member has in the deal's pool, counted against the same per-investor maximum.
        uint104 pooled;
        bool allowlisted;
        bool claimed;
        bool isPool;
    }

    enum Stage {
        None,
        Live,
        Cancelled,
        Settled
    }

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
    uint16 public immutable feeBps;
    uint16 public immutable tenantShareBps;

    /// @dev totalRaised, totalRefunded and the stage share a slot that is non-zero from deployment,
    ///      so even the very first investment only rewrites it.
    uint128 public totalRaised;
    uint120 public totalRefunded;
    Stage private _stage;

    address public pool;
    /// @notice Sale tokens booked to investors at settlement, and the contributions already claimed
    ///         against them (the reserve is recomputed from unclaimed contributions, so rounding
    ///         dust becomes recoverable once it is provably nobody's).
    uint256 public tokensOwed;
    uint256 public claimedContributions;
    /// @notice Settlement proceeds and fees booked but not yet withdrawn (pull payments).
    uint256 public payoutsOwed;
    mapping(address payee => uint256) public payoutOf;
    mapping(address investor => Position) private _positions;

    event Invested(address indexed investor, address indexed payer, uint256 amount, uint256 totalContribution);
    event AllowlistUpdated(address indexed investor, bool allowed);
    event PoolAttached(address indexed pool);
    event Settled(uint256 gross, uint256 platformFee, uint256 tenantFee, uint256 issuerProceeds);
    event PayoutWithdrawn(address indexed payee, uint256 amount);
    event Claimed(address indexed investor, uint256 tokens);
    event RefundPaid(address indexed investor, uint256 amount);
    event Cancelled(address indexed by);
    event StrandedRecovered(address indexed token, address indexed to, uint256 amount);

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
    error NothingToWithdraw(address payee);
    error NothingToRecover(address token);
    error SaleTokensMissing(uint256 held, uint256 owed);
    error NotFactory(address caller);
    error NotPool(address caller);
    error PoolAlreadySet();
    error CannotCancel(Status status);
    error EthTransferFailed();

    constructor(Config memory c) EIP712("TokenSale", "1") {
        if (
            c.softCap > c.hardCap || c.hardCap == 0 || c.hardCap > type(uint104).max || c.minInvestment > c.maxInvestment
                || c.startTime >= c.endTime || c.tokensPerPaymentUnit == 0 || c.saleToken == address(0)
                || c.saleToken == c.paymentToken || c.issuerTreasury == address(0) || c.tenantTreasury == address(0)
                || c.feeBps > MAX_FEE_BPS || c.tenantShareBps > BPS
        ) revert InvalidConfig();
        _serviceContract = c.service;
        escrowFactory = c.escrowFactory;
        factory = c.factory;
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
        feeBps = c.feeBps;
        tenantShareBps = c.tenantShareBps;
        _stage = Stage.Live;
    }

    function status() public view returns (Status) {
        Stage stage = _stage;
        if (stage == Stage.Cancelled) return Status.Failed;
        if (stage == Stage.Settled) return Status.Succeeded;
        uint256 raised = totalRaised;
        if (raised >= hardCap || (block.timestamp > endTime && raised >= softCap)) {
            return block.timestamp > settlementDeadline() ? Status.Failed : Status.Succeeded;
        }
        if (block.timestamp < startTime) return Status.Pending;
        if (block.timestamp <= endTime) return Status.Open;
        return Status.Failed;
    }

    function settlementDeadline() public view returns (uint256) {
        return endTime + SETTLEMENT_WINDOW;
    }

    function settled() external view returns (bool) {
        return _stage == Stage.Settled;
    }

    function cancelled() external view returns (bool) {
        return _stage == Stage.Cancelled;
    }

    function contributions(address investor) external view returns (uint256) {
        return _positions[investor].contributed;
    }

    function pooledOf(address member) external view returns (uint256) {
        return _positions[member].pooled;
    }

    function allowlisted(address investor) external view returns (bool) {
        return _positions[investor].allowlisted;
    }

    function claimed(address investor) external view returns (bool) {
        return _positions[investor].claimed;
    }

    function allocationOf(address investor) public view returns (uint256) {
        return (uint256(_positions[investor].contributed) * tokensPerPaymentUnit) / RATE_SCALE;
    }

    /// @notice Invest as an allowlisted investor (or as the deal's pool).
    function invest(uint256 amount) external payable nonReentrant whenNotPaused {
        Position storage p = _positions[msg.sender];
        if (!p.allowlisted) revert NotEligible(msg.sender);
        _invest(p, msg.sender, msg.sender, amount);
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
        uint256 total = _invest(_positions[msg.sender], msg.sender, msg.sender, amount);
        if (total > approvedAmount) revert AboveApprovedAmount(total, approvedAmount);
    }

    /// @notice Called by an escrow when the platform releases it; compliance already cleared the investor.
    function depositFromEscrow(address investor, uint256 amount) external payable nonReentrant whenNotPaused {
        if (escrowFactory.saleOfEscrow(msg.sender) != address(this)) revert NotFromEscrow(msg.sender);
        _invest(_positions[investor], investor, msg.sender, amount);
    }

    /// @notice Reverts unless an escrow of `amount` for `investor` could be released into this sale
    ///         right now, so escrows are never opened for closed sales or amounts the sale would refuse.
    function checkEscrow(address investor, uint256 amount) external view {
        Status s = status();
        if (s != Status.Open) revert NotOpen(s);
        Position memory p = _positions[investor];
        _checkLimits(p, p.contributed + amount, totalRaised + amount);
    }

    /// @notice Books a pool member's contribution against their per-investor maximum (direct + pooled),
    ///         after the same eligibility a direct investor passes.
    function addPooled(address member, uint256 amount) external {
        if (msg.sender != pool) revert NotPool(msg.sender);
        Status s = status();
        if (s != Status.Open && s != Status.Pending) revert NotOpen(s);
        Position storage p = _positions[member];
        if (!p.allowlisted) revert NotEligible(member);
        uint256 pooled = p.pooled + amount;
        uint256 total = p.contributed + pooled;
        if (total > maxInvestment) revert AboveMaximum(total, maxInvestment);
        p.pooled = uint104(pooled);
    }

    function removePooled(address member, uint256 amount) external {
        if (msg.sender != pool) revert NotPool(msg.sender);
        _positions[member].pooled -= uint104(amount);
    }

    /// @notice Books a successful sale's payouts. Permissionless: every recipient and the fee were fixed
    ///         at creation (the platform fee recipient is read now). Nothing is pushed: a recipient
    ///         that cannot receive only delays its own withdrawal, never anyone else's money.
    function settle() external nonReentrant whenNotPaused {
        Status s = status();
        if (s != Status.Succeeded) revert NotSucceeded(s);
        if (_stage == Stage.Settled) revert AlreadySettled();
        uint256 gross = totalRaised;
        // Investors' tokens must be in place before the issuer is paid, or claims could come up short.
        uint256 owed = (gross * tokensPerPaymentUnit) / RATE_SCALE;
        uint256 held = IERC20(saleToken).balanceOf(address(this));
        if (held < owed) revert SaleTokensMissing(held, owed);
        _stage = Stage.Settled;
        tokensOwed = owed;

        uint256 fee = (gross * feeBps) / BPS;
        uint256 tenantFee = (fee * tenantShareBps) / BPS;
        uint256 platformFee = fee - tenantFee;
        uint256 proceeds = gross - fee;
        payoutsOwed = gross;
        payoutOf[_service().feeRecipient()] += platformFee;
        payoutOf[tenantTreasury] += tenantFee;
        payoutOf[issuerTreasury] += proceeds;
        emit Settled(gross, platformFee, tenantFee, proceeds);
    }

    /// @notice Pays a settlement recipient what was booked to it. Anyone may trigger it; the money
    ///         only ever goes to `payee`.
    function withdrawPayout(address payee) external nonReentrant whenNotPaused {
        uint256 amount = payoutOf[payee];
        if (amount == 0) revert NothingToWithdraw(payee);
        payoutOf[payee] = 0;
        payoutsOwed -= amount;
        emit PayoutWithdrawn(payee, amount);
        _pay(payee, amount);
    }

    function claim() external nonReentrant whenNotPaused {
        if (_stage != Stage.Settled) revert NotSettled();
        Position storage p = _positions[msg.sender];
        uint256 tokens = (uint256(p.contributed) * tokensPerPaymentUnit) / RATE_SCALE;
        if (tokens == 0 || p.claimed) revert NothingToClaim(msg.sender);
        p.claimed = true;
        claimedContributions += p.contributed;
        emit Claimed(msg.sender, tokens);
        IERC20(saleToken).safeTransfer(msg.sender, tokens);
    }

    /// @notice Returns a contribution once the sale has failed. Not blocked by the emergency pause:
    ///         the sale is over, and a pause must never trap investors' money.
    function refund() external nonReentrant {
        Status s = status();
        if (s != Status.Failed) revert NotFailed(s);
        Position storage p = _positions[msg.sender];
        uint256 amount = p.contributed;
        if (amount == 0) revert NothingToRefund(msg.sender);
        p.contributed = 0;
        totalRefunded += uint120(amount);
        emit RefundPaid(msg.sender, amount);
        _pay(msg.sender, amount);
    }

    /// @notice Any sale not yet settled may be cancelled, including a success whose tokens never
    ///         arrived: the tenant can return investors' money without waiting out the settlement window.
    function cancel() external whenNotPaused onlyOperator {
        if (_stage != Stage.Live) revert CannotCancel(status());
        _stage = Stage.Cancelled;
        emit Cancelled(msg.sender);
    }

    function setAllowlist(address[] calldata investors, bool allowed) external whenNotPaused onlyOperator {
        for (uint256 i = 0; i < investors.length; ++i) {
            _positions[investors[i]].allowlisted = allowed;
            emit AllowlistUpdated(investors[i], allowed);
        }
    }

    /// @notice The deal's pool invests as one position, so it is eligible and exempt from per-investor
    ///         limits (its members are held to them one by one through addPooled).
    function setPool(address pool_) external {
        if (msg.sender != factory) revert NotFactory(msg.sender);
        if (pool != address(0)) revert PoolAlreadySet();
        pool = pool_;
        Position storage p = _positions[pool_];
        p.allowlisted = true;
        p.isPool = true;
        emit PoolAttached(pool_);
        emit AllowlistUpdated(pool_, true);
    }

    /// @notice Sends tokens nobody is owed (sale tokens of a failed sale or beyond what investors are
    ///         owed, payment sent here by mistake, unrelated tokens) to the deal's own treasuries.
    ///         What is owed to investors and payees is subtracted first, so this can never touch it.
    function recoverStranded(address token) external nonReentrant whenNotPaused onlyOperator {
        uint256 balance = token == address(0) ? address(this).balance : IERC20(token).balanceOf(address(this));
        uint256 reserved = reservedOf(token);
        if (balance <= reserved) revert NothingToRecover(token);
        uint256 amount = balance - reserved;
        address to = token == saleToken ? issuerTreasury : tenantTreasury;
        emit StrandedRecovered(token, to, amount);
        if (token == address(0)) {
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert EthTransferFailed();
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }

    /// @notice How much of `token` this sale must keep for investors and payees.
    function reservedOf(address token) public view returns (uint256) {
        bool isSettled = _stage == Stage.Settled;
        if (token == paymentToken) return isSettled ? payoutsOwed : totalRaised - totalRefunded;
        if (token != saleToken) return 0;
        // Each unclaimed allocation is rounded down, so their sum never exceeds this.
        if (isSettled) return ((totalRaised - claimedContributions) * tokensPerPaymentUnit) / RATE_SCALE;
        return status() == Status.Failed ? 0 : (hardCap * tokensPerPaymentUnit) / RATE_SCALE;
    }

    function _service() internal view override returns (IService) {
        return _serviceContract;
    }

    function _tenantId() internal view override returns (bytes32) {
        return tenantId;
    }

    function _invest(Position storage p, address investor, address payer, uint256 amount)
        private
        returns (uint256 total)
    {
        Status s = status();
        if (s != Status.Open) revert NotOpen(s);
        uint256 received = _collect(payer, amount);
        total = p.contributed + received;
        uint256 raised = totalRaised + received;
        _checkLimits(p, total, raised);
        p.contributed = uint128(total);
        totalRaised = uint128(raised);
        emit Invested(investor, payer, received, total);
    }

    function _checkLimits(Position memory p, uint256 total, uint256 raised) private view {
        if (!p.isPool) {
            if (total < minInvestment) revert BelowMinimum(total, minInvestment);
            uint256 committed = total + p.pooled;
            if (committed > maxInvestment) revert AboveMaximum(committed, maxInvestment);
        }
        if (raised > hardCap) revert HardCapExceeded(raised, hardCap);
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
        if (paymentToken == address(0)) {
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert EthTransferFailed();
        } else {
            IERC20(paymentToken).safeTransfer(to, amount);
        }
    }
}
