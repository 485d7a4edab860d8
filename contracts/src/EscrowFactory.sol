// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IService} from "./interfaces/IService.sol";
import {ITokenSale} from "./interfaces/ITokenSale.sol";
import {IEscrowFactory} from "./interfaces/IEscrowFactory.sol";
import {ServiceGated} from "./ServiceGated.sol";
import {Escrow} from "./Escrow.sol";

interface ITenantFactory {
    function tenantId() external view returns (bytes32);
}

/// @title Platform-wide factory of per-investment escrows (ERC-1167 clones with immutable args).
/// @notice Only tenant factories registered by an admin can open escrows, and only for sales they
///         deployed, so an escrow's TokenSale is always a genuine deal contract.
contract EscrowFactory is IEscrowFactory, ServiceGated, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    IService public immutable service;
    address public immutable implementation;

    mapping(address factory => bytes32 tenantId) public tenantOfFactory;
    mapping(address escrow => address sale) public saleOfEscrow;

    event TenantFactoryRegistered(bytes32 indexed tenantId, address indexed factory);
    event EscrowCreated(
        bytes32 indexed tenantId,
        address indexed sale,
        address indexed investor,
        address escrow,
        address token,
        uint256 amount,
        uint256 decisionDeadline
    );

    error UnknownTenantFactory(address caller);
    error AlreadyRegistered(address factory);
    error InvalidAmount();
    error WrongValue(uint256 sent, uint256 expected);
    error TokenShortfall(uint256 received, uint256 expected);

    constructor(IService service_, address implementation_) {
        service = service_;
        implementation = implementation_;
    }

    function registerTenantFactory(address factory) external onlyAdmin {
        if (tenantOfFactory[factory] != bytes32(0)) revert AlreadyRegistered(factory);
        bytes32 tenantId = ITenantFactory(factory).tenantId();
        tenantOfFactory[factory] = tenantId;
        emit TenantFactoryRegistered(tenantId, factory);
    }

    /// @notice Opens an escrow and funds it from `investor` (who approved this factory for ERC-20 deals).
    /// @dev The caller is a registered tenant factory that passes its own msg.sender as `investor`.
    function createEscrow(address sale, address investor, uint256 amount)
        external
        payable
        nonReentrant
        whenNotPaused
        returns (address escrow)
    {
        bytes32 tenantId = tenantOfFactory[msg.sender];
        if (tenantId == bytes32(0)) revert UnknownTenantFactory(msg.sender);
        if (amount == 0 || amount > type(uint128).max) revert InvalidAmount();
        address token = ITokenSale(sale).paymentToken();
        if (msg.value != (token == address(0) ? amount : 0)) {
            revert WrongValue(msg.value, token == address(0) ? amount : 0);
        }

        bytes memory args = abi.encodePacked(sale, investor, token, uint128(amount), uint64(block.timestamp));
        escrow = Clones.cloneWithImmutableArgs(implementation, args, msg.value);
        saleOfEscrow[escrow] = sale;

        if (token != address(0)) {
            IERC20(token).safeTransferFrom(investor, escrow, amount);
            // A fee-on-transfer token would leave the escrow short of what it promises to release or refund.
            uint256 received = IERC20(token).balanceOf(escrow);
            if (received < amount) revert TokenShortfall(received, amount);
        }
        emit EscrowCreated(tenantId, sale, investor, escrow, token, amount, block.timestamp + 14 days);
    }

    function _service() internal view override returns (IService) {
        return service;
    }
}
