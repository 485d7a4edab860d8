// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IdentityRegistry} from "./IdentityRegistry.sol";

/// @title A tokenized asset whose every transfer passes the tenant's compliance rules.
/// @notice An ERC-20 in the manner of ERC-3643 / ERC-7943 (written for this platform, not derived from T-REX).
///         `transfer` and `transferFrom` ask `transferStatus(from, to, amount)` and revert with
///         `TransferRestricted(code)` naming the first rule that refuses; `canTransfer` is the boolean hook.
///         Rules, in the order they are asked:
///         1 paused; 2 sender address frozen; 3 receiver address frozen; 7 amount above the balance;
///         8 amount reaches into frozen tokens; 9 amount reaches into tokens still in their holding period;
///         4 receiver not verified in the identity registry; 5 receiver's country not allowed;
///         6 receiver is a US person (country "US") before the Reg S distribution compliance period ends;
///         10 a new holder would exceed the maximum number of holders; 11 the receiver would hold more than
///         the per-holder maximum. As in ERC-3643 the sender need not be verified (a holder whose KYC lapsed
///         can still sell to a verified buyer, or be frozen by the agent).
///
///         Holding period (Rule 144 style): every acquisition (a transfer in, a forced transfer in) is locked
///         for `lockupPeriod` seconds; it is transferable from `acquiredAt + lockupPeriod` on (that second
///         included). The supply minted to the issuer's treasury at creation is not locked: the issuer
///         distributes it. A holder keeps at most `MAX_LOTS` open lots; a further acquisition while all are
///         open is merged into the newest lot, whose unlock time moves to the new one (never earlier).
///
///         Agent powers (the tenant's transfer agent, `AGENT_ROLE`), each with its own event:
///         - `setAddressFrozen`, `setFrozenTokens` (partial freeze; may exceed the balance, which then is all frozen);
///         - `forcedTransfer` (court order, corporate action): bypasses the pause and the sender's holding period
///           (locked lots are taken newest first), but NOT a freeze: frozen addresses and frozen tokens must be
///           unfrozen first, in a separate, visible action. The receiver must pass every receiver rule
///           (verification, jurisdiction, Reg S, holders, maximum balance) and starts a new holding period;
///         - `recoverWallet(lost, replacement)`: the holder lost their key. Moves the whole balance to a verified,
///           empty, unfrozen replacement with its holding-period lots (no new lock) and its partial freeze; this
///           is the one action that moves frozen tokens and reads from a frozen address (the lost wallet is
///           typically frozen first so a thief cannot move it). Allowed while paused;
///         - `pause` / `unpause` of ordinary transfers.
///         The admin (`DEFAULT_ADMIN_ROLE`) grants roles and sets allowed countries and the holder limits.
contract PermissionedToken is ERC20, AccessControl, Pausable {
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");
    /// @notice "US" in the registry's encoding (ISO 3166-1 alpha-2 as two ASCII bytes).
    uint16 public constant US = 0x5553;
    uint256 public constant MAX_LOTS = 64;

    uint8 public constant OK = 0;
    uint8 public constant PAUSED = 1;
    uint8 public constant SENDER_FROZEN = 2;
    uint8 public constant RECEIVER_FROZEN = 3;
    uint8 public constant RECEIVER_NOT_VERIFIED = 4;
    uint8 public constant JURISDICTION_NOT_ALLOWED = 5;
    uint8 public constant REG_S_US_PERSON = 6;
    uint8 public constant INSUFFICIENT_BALANCE = 7;
    uint8 public constant TOKENS_FROZEN = 8;
    uint8 public constant TOKENS_LOCKED = 9;
    uint8 public constant MAX_HOLDERS_REACHED = 10;
    uint8 public constant MAX_BALANCE_EXCEEDED = 11;

    struct Config {
        string name;
        string symbol;
        uint8 decimals;
        /// @notice The platform's id of the asset (keccak of its uuid), carried for the indexer.
        bytes32 assetId;
        IdentityRegistry identityRegistry;
        address admin;
        address agent;
        address treasury;
        uint256 supply;
        /// @notice Until this timestamp (exclusive) no US person may receive the token; 0 = no Reg S period.
        uint64 regSCompliancePeriodEnd;
        /// @notice Seconds each acquisition stays locked; 0 = none.
        uint64 lockupPeriod;
        /// @notice 0 = no limit.
        uint32 maxHolders;
        /// @notice 0 = no limit.
        uint256 maxBalance;
        /// @notice Empty = every country allowed.
        uint16[] allowedCountries;
    }

    struct Lot {
        uint64 unlockAt;
        uint192 amount;
    }

    uint8 private immutable _decimals;
    bytes32 public immutable assetId;
    IdentityRegistry public immutable identityRegistry;
    uint64 public immutable regSCompliancePeriodEnd;
    uint64 public immutable lockupPeriod;

    uint32 public maxHolders;
    uint256 public maxBalance;
    uint256 public holderCount;
    uint256 public allowedCountryCount;
    mapping(uint16 country => bool) public countryAllowed;
    mapping(address => bool) public addressFrozen;
    mapping(address => uint256) private frozenTokens;
    mapping(address => Lot[]) private lots;
    mapping(address => uint256) private lotHead;
    /// @dev Sum of lots[holder][lotHead..], including lots already unlocked but not yet pruned.
    mapping(address => uint256) private lockedTotal;
    /// @dev Set for the length of one recovery: the receiver inherits lots instead of starting one.
    bool private transient skipLot;
    /// @dev The kind of the balance change in progress, carried by `Moved` (0 transfer, 1 forced, 2 recovery, 3 issue).
    uint8 private transient moveKind;

    uint8 public constant MOVE_TRANSFER = 0;
    uint8 public constant MOVE_FORCED = 1;
    uint8 public constant MOVE_RECOVERY = 2;
    uint8 public constant MOVE_ISSUE = 3;

    /// @notice Every balance change with its kind, beside the ERC-20 `Transfer`: a signature of its own lets the
    ///         platform's indexer ask the node for this token's movements only, not every ERC-20 transfer of the chain.
    event Moved(address indexed from, address indexed to, uint256 amount, uint8 kind);
    event AddressFrozen(address indexed wallet, bool frozen, address indexed agent);
    /// @notice ERC-7943 style: the amount now frozen for `wallet`.
    event Frozen(address indexed wallet, uint256 amount);
    event ForcedTransfer(address indexed from, address indexed to, uint256 amount);
    event WalletRecovered(address indexed lost, address indexed replacement, uint256 amount);
    event CountryAllowed(uint16 country, bool allowed);
    event LimitsSet(uint32 maxHolders, uint256 maxBalance);

    error TransferRestricted(uint8 code);
    error InvalidConfig();
    error ReplacementNotEmpty(address replacement);

    constructor(Config memory c) ERC20(c.name, c.symbol) {
        if (
            address(c.identityRegistry) == address(0) || c.admin == address(0) || c.agent == address(0)
                || c.treasury == address(0) || c.supply == 0
        ) revert InvalidConfig();
        _decimals = c.decimals;
        assetId = c.assetId;
        identityRegistry = c.identityRegistry;
        regSCompliancePeriodEnd = c.regSCompliancePeriodEnd;
        lockupPeriod = c.lockupPeriod;
        maxHolders = c.maxHolders;
        maxBalance = c.maxBalance;
        for (uint256 i = 0; i < c.allowedCountries.length; i++) _setCountry(c.allowedCountries[i], true);
        _grantRole(DEFAULT_ADMIN_ROLE, c.admin);
        _grantRole(AGENT_ROLE, c.agent);
        skipLot = true;
        moveKind = MOVE_ISSUE;
        _mint(c.treasury, c.supply);
        moveKind = MOVE_TRANSFER;
        skipLot = false;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    // ---------------------------------------------------------------- the compliance hook

    /// @notice The ERC-7943 hook: would `transfer(to, amount)` from `from` succeed now?
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        return _status(from, to, amount, false) == OK;
    }

    /// @notice The first rule that refuses `from` sending `amount` to `to` now (0 = allowed); see the contract notice.
    function transferStatus(address from, address to, uint256 amount) external view returns (uint8) {
        return _status(from, to, amount, false);
    }

    /// @notice ERC-7943: may this wallet hold and receive the token at all?
    function canTransact(address wallet) external view returns (bool) {
        return !addressFrozen[wallet] && _receiverStatus(wallet) == OK;
    }

    function getFrozenTokens(address wallet) external view returns (uint256) {
        return frozenTokens[wallet];
    }

    /// @notice Tokens of `holder` still in their holding period now.
    function lockedBalanceOf(address holder) public view returns (uint256 locked) {
        locked = lockedTotal[holder];
        Lot[] storage l = lots[holder];
        for (uint256 i = lotHead[holder]; i < l.length && l[i].unlockAt <= block.timestamp; i++) {
            locked -= l[i].amount;
        }
    }

    /// @notice What `holder` can send by an ordinary transfer now (not frozen, not locked).
    function transferableBalanceOf(address holder) public view returns (uint256) {
        uint256 available = _unfrozen(holder);
        uint256 locked = lockedBalanceOf(holder);
        return available > locked ? available - locked : 0;
    }

    /// @notice The open holding-period lots of `holder` (unlock time, amount), oldest first.
    function lotsOf(address holder) external view returns (Lot[] memory open) {
        Lot[] storage l = lots[holder];
        uint256 head = lotHead[holder];
        open = new Lot[](l.length - head);
        for (uint256 i = head; i < l.length; i++) open[i - head] = l[i];
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        _require(_status(msg.sender, to, amount, false));
        return super.transfer(to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        _require(_status(from, to, amount, false));
        return super.transferFrom(from, to, amount);
    }

    // ---------------------------------------------------------------- agent

    function pause() external onlyRole(AGENT_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(AGENT_ROLE) {
        _unpause();
    }

    function setAddressFrozen(address wallet, bool frozen) external onlyRole(AGENT_ROLE) {
        addressFrozen[wallet] = frozen;
        emit AddressFrozen(wallet, frozen, msg.sender);
    }

    /// @notice ERC-7943: sets the frozen amount of `wallet` (not added to what was frozen before).
    function setFrozenTokens(address wallet, uint256 amount) external onlyRole(AGENT_ROLE) {
        frozenTokens[wallet] = amount;
        emit Frozen(wallet, amount);
    }

    function forcedTransfer(address from, address to, uint256 amount) external onlyRole(AGENT_ROLE) returns (bool) {
        _require(_status(from, to, amount, true));
        moveKind = MOVE_FORCED;
        _transfer(from, to, amount);
        moveKind = MOVE_TRANSFER;
        emit ForcedTransfer(from, to, amount);
        return true;
    }

    function recoverWallet(address lost, address replacement) external onlyRole(AGENT_ROLE) returns (bool) {
        if (balanceOf(replacement) != 0 || lotHead[replacement] != lots[replacement].length || frozenTokens[replacement] != 0) {
            revert ReplacementNotEmpty(replacement);
        }
        if (addressFrozen[replacement]) revert TransferRestricted(RECEIVER_FROZEN);
        if (!identityRegistry.isVerified(replacement)) revert TransferRestricted(RECEIVER_NOT_VERIFIED);
        uint256 amount = balanceOf(lost);
        if (amount == 0) revert TransferRestricted(INSUFFICIENT_BALANCE);
        _prune(lost);
        Lot[] storage from = lots[lost];
        Lot[] storage into = lots[replacement];
        for (uint256 i = lotHead[lost]; i < from.length; i++) into.push(from[i]);
        lockedTotal[replacement] = lockedTotal[lost];
        delete lots[lost];
        delete lotHead[lost];
        delete lockedTotal[lost];
        if (lotHead[replacement] != 0) delete lotHead[replacement];
        uint256 frozen = frozenTokens[lost];
        if (frozen != 0) {
            frozenTokens[replacement] = frozen;
            delete frozenTokens[lost];
            emit Frozen(lost, 0);
            emit Frozen(replacement, frozen);
        }
        skipLot = true;
        moveKind = MOVE_RECOVERY;
        _transfer(lost, replacement, amount);
        moveKind = MOVE_TRANSFER;
        skipLot = false;
        emit WalletRecovered(lost, replacement, amount);
        return true;
    }

    // ---------------------------------------------------------------- admin

    function setAllowedCountries(uint16[] calldata countries, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        for (uint256 i = 0; i < countries.length; i++) _setCountry(countries[i], allowed);
    }

    function setLimits(uint32 maxHolders_, uint256 maxBalance_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        maxHolders = maxHolders_;
        maxBalance = maxBalance_;
        emit LimitsSet(maxHolders_, maxBalance_);
    }

    // ---------------------------------------------------------------- internals

    function _require(uint8 code) private pure {
        if (code != OK) revert TransferRestricted(code);
    }

    function _unfrozen(address holder) private view returns (uint256) {
        uint256 balance = balanceOf(holder);
        uint256 frozen = frozenTokens[holder];
        return balance > frozen ? balance - frozen : 0;
    }

    function _status(address from, address to, uint256 amount, bool forced) private view returns (uint8) {
        if (!forced && paused()) return PAUSED;
        if (addressFrozen[from]) return SENDER_FROZEN;
        if (addressFrozen[to]) return RECEIVER_FROZEN;
        if (amount > balanceOf(from)) return INSUFFICIENT_BALANCE;
        if (amount > _unfrozen(from)) return TOKENS_FROZEN;
        if (!forced && amount > transferableBalanceOf(from)) return TOKENS_LOCKED;
        uint8 receiver = _receiverStatus(to);
        if (receiver != OK) return receiver;
        if (from == to || amount == 0) return OK;
        if (maxHolders != 0 && balanceOf(to) == 0) {
            uint256 after_ = holderCount + 1 - (balanceOf(from) == amount ? 1 : 0);
            if (after_ > maxHolders) return MAX_HOLDERS_REACHED;
        }
        if (maxBalance != 0 && balanceOf(to) + amount > maxBalance) return MAX_BALANCE_EXCEEDED;
        return OK;
    }

    function _receiverStatus(address to) private view returns (uint8) {
        (uint16 country, uint8 category) = _identity(to);
        if (category == 0) return RECEIVER_NOT_VERIFIED;
        if (allowedCountryCount != 0 && !countryAllowed[country]) return JURISDICTION_NOT_ALLOWED;
        if (country == US && block.timestamp < regSCompliancePeriodEnd) return REG_S_US_PERSON;
        return OK;
    }

    function _identity(address wallet) private view returns (uint16, uint8) {
        IdentityRegistry.Identity memory id = identityRegistry.identityOf(wallet);
        return (id.country, id.category);
    }

    function _setCountry(uint16 country, bool allowed) private {
        if (!identityRegistry.isCountryCode(country)) revert InvalidConfig();
        if (countryAllowed[country] == allowed) return;
        countryAllowed[country] = allowed;
        if (allowed) allowedCountryCount += 1;
        else allowedCountryCount -= 1;
        emit CountryAllowed(country, allowed);
    }

    /// @dev Drops unlocked lots from the front of the holder's queue.
    function _prune(address holder) private {
        Lot[] storage l = lots[holder];
        uint256 head = lotHead[holder];
        uint256 total = lockedTotal[holder];
        while (head < l.length && l[head].unlockAt <= block.timestamp) {
            total -= l[head].amount;
            delete l[head];
            head++;
        }
        if (head == l.length && head != 0) {
            delete lots[holder];
            head = 0;
        }
        lotHead[holder] = head;
        lockedTotal[holder] = total;
    }

    /// @dev Bookkeeping for every balance change: holder count, holding-period lots.
    ///      Checks are made by the public entry points before they get here.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && value != 0) {
            _prune(from);
            uint256 balance = balanceOf(from);
            uint256 locked = lockedTotal[from];
            uint256 free = balance > locked ? balance - locked : 0;
            // Only a forced transfer reaches into locked tokens: take the newest lots first.
            if (value > free) _releaseNewest(from, value - free);
        }
        if (from != to) {
            if (from != address(0) && value != 0 && balanceOf(from) == value) holderCount -= 1;
            if (to != address(0) && value != 0 && balanceOf(to) == 0) holderCount += 1;
        }
        super._update(from, to, value);
        emit Moved(from, to, value, moveKind);
        if (to != address(0) && from != to && value != 0 && !skipLot && lockupPeriod != 0) _addLot(to, value);
    }

    function _releaseNewest(address holder, uint256 excess) private {
        Lot[] storage l = lots[holder];
        uint256 head = lotHead[holder];
        lockedTotal[holder] -= excess;
        while (excess != 0 && l.length > head) {
            Lot storage last = l[l.length - 1];
            if (last.amount > excess) {
                last.amount -= uint192(excess);
                return;
            }
            excess -= last.amount;
            l.pop();
        }
    }

    function _addLot(address holder, uint256 amount) private {
        uint64 unlockAt = uint64(block.timestamp) + lockupPeriod;
        Lot[] storage l = lots[holder];
        uint256 head = lotHead[holder];
        lockedTotal[holder] += amount;
        if (l.length > head) {
            Lot storage last = l[l.length - 1];
            if (last.unlockAt == unlockAt || l.length - head >= MAX_LOTS) {
                last.unlockAt = unlockAt;
                last.amount += uint192(amount);
                return;
            }
        }
        l.push(Lot(unlockAt, uint192(amount)));
    }
}
