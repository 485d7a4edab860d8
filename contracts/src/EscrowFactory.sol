// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IService} from "./interfaces/IService.sol";
import {ITokenSale} from "./interfaces/ITokenSale.sol";
import {IEscrowFactory} from "./interfaces/IEscrowFactory.sol";
import {ESCROW_DECISION_WINDOW} from "./EscrowCore.sol";

interface ITenantFactory {
    function tenantId() external view returns (bytes32);
    function isSale(address sale) external view returns (bool);
}

/// @title Platform-wide factory of per-investment escrows (ERC-1167 clones with immutable args).
/// @notice The investor opens their own escrow: the factory only ever pulls from `msg.sender`, so an
///         approval given to it can be spent by nobody but the investor, for an escrow whose only
///         destinations are that investor and the sale they named. The sale must be one that a
///         registered, not retired, tenant factory deployed, and it must accept the amount right now.
contract EscrowFactory is IEscrowFactory, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    struct FactoryRecord {
        bytes32 tenantId;
        bool retired;
    }

    IService public immutable service;
    address public immutable implementation;

    mapping(address factory => FactoryRecord) public factories;
    mapping(address escrow => address sale) public saleOfEscrow;

    event TenantFactoryRegistered(bytes32 indexed tenantId, address indexed factory);
    event TenantFactoryRetired(bytes32 indexed tenantId, address indexed factory);
    event EscrowCreated(
        bytes32 indexed tenantId,
        address indexed sale,
        address indexed investor,
        address escrow,
        address token,
        uint256 amount,
        uint256 decisionDeadline
    );

    error NotPlatformAdmin(address caller);
    error SystemPaused();
    error UnknownTenantFactory(address factory);
    error UnknownSale(address sale);
    error AlreadyRegistered(address factory);
    error InvalidAmount();
    error WrongValue(uint256 sent, uint256 expected);
    error TokenShortfall(uint256 received, uint256 expected);

    constructor(IService service_, address implementation_) {
        service = service_;
        implementation = implementation_;
    }

    modifier onlyPlatformAdmin() {
        if (!service.isPlatformAdmin(msg.sender)) revert NotPlatformAdmin(msg.sender);
        _;
    }

    /// @notice Once registered, a factory can never be registered again (not even after retiring),
    ///         so a retired tenant's escrows cannot be reopened under a new identity.
    function registerTenantFactory(address factory) external onlyPlatformAdmin {
        if (factories[factory].tenantId != bytes32(0)) revert AlreadyRegistered(factory);
        bytes32 tenantId = ITenantFactory(factory).tenantId();
        if (tenantId == bytes32(0)) revert UnknownTenantFactory(factory);
        factories[factory] = FactoryRecord(tenantId, false);
        emit TenantFactoryRegistered(tenantId, factory);
    }

    /// @notice Stops new escrows for a factory's sales. Open escrows keep every exit: release into their
    ///         sale, rejection, manual and timeout refunds.
    function retireTenantFactory(address factory) external onlyPlatformAdmin {
        FactoryRecord storage record = factories[factory];
        if (record.tenantId == bytes32(0) || record.retired) revert UnknownTenantFactory(factory);
        record.retired = true;
        emit TenantFactoryRetired(record.tenantId, factory);
    }

    /// @notice Opens an escrow for the caller, funded by the caller (ERC-20: approve this factory for
    ///         `amount`; ETH: send it).
    function createEscrow(address sale, uint256 amount) external payable nonReentrant returns (address escrow) {
        if (service.paused()) revert SystemPaused();
        if (amount == 0 || amount > type(uint128).max) revert InvalidAmount();
        address factory = ITokenSale(sale).factory();
        FactoryRecord memory record = factories[factory];
        if (record.tenantId == bytes32(0) || record.retired) revert UnknownTenantFactory(factory);
        if (!ITenantFactory(factory).isSale(sale)) revert UnknownSale(sale);
        ITokenSale(sale).checkEscrow(msg.sender, amount);
        address token = ITokenSale(sale).paymentToken();
        uint256 expectedValue = token == address(0) ? amount : 0;
        if (msg.value != expectedValue) revert WrongValue(msg.value, expectedValue);

        bytes memory args = abi.encodePacked(sale, msg.sender, token, uint128(amount), uint64(block.timestamp));
        escrow = Clones.cloneWithImmutableArgs(implementation, args, msg.value);
        saleOfEscrow[escrow] = sale;

        if (token != address(0)) {
            IERC20(token).safeTransferFrom(msg.sender, escrow, amount);
            // A fee-on-transfer token would leave the escrow short of what it promises to release or refund.
            uint256 received = IERC20(token).balanceOf(escrow);
            if (received < amount) revert TokenShortfall(received, amount);
        }
        emit EscrowCreated(
            record.tenantId, sale, msg.sender, escrow, token, amount, block.timestamp + ESCROW_DECISION_WINDOW
        );
    }
}
