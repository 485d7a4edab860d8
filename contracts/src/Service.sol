// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IService} from "./interfaces/IService.sol";

/// @title Platform-wide configuration shared by every deal contract.
/// @notice Holds the fee policy offered to new sales, the compliance signer, the emergency pause and
///         every role. The platform admin is a single account that can only be handed over in two steps
///         with a delay (OpenZeppelin AccessControlDefaultAdminRules), so a mistyped or stolen transfer
///         can be seen and cancelled before it takes effect. Tenants' powers are separate roles per
///         tenant id: one tenant's operator can never act on another tenant's sales, escrows or pools.
contract Service is AccessControlDefaultAdminRules, IService {
    /// @notice May stop the whole system in an emergency; only the platform admin restarts it, so one
    ///         compromised pauser key cannot flap the switch.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @dev 10%: a hard ceiling so a compromised admin key cannot take an investor's principal as "fee".
    uint16 public constant MAX_FEE_BPS = 1_000;
    uint16 internal constant BPS = 10_000;

    /// @notice Fee fixed into each sale when it is created; changing it never touches existing sales.
    uint16 public feeBps;
    /// @notice Share of the platform fee paid to the tenant's treasury, in basis points of the fee.
    uint16 public tenantShareBps;
    address public feeRecipient;
    /// @dev Packed with `paused` so an EIP-712 investment reads both in one storage slot.
    address public complianceSigner;
    bool public paused;

    event FeeChanged(uint16 previousBps, uint16 newBps);
    event TenantShareChanged(uint16 previousBps, uint16 newBps);
    event FeeRecipientChanged(address indexed previous, address indexed current);
    event ComplianceSignerChanged(address indexed previous, address indexed current);
    event Paused(address indexed by);
    event Unpaused(address indexed by);

    error FeeAboveCap(uint16 requested, uint16 cap);
    error ShareAboveWhole(uint16 requested);
    error ZeroAddress();
    error AlreadyInState(bool paused);

    constructor(
        uint48 adminTransferDelay,
        address admin,
        address feeRecipient_,
        uint16 feeBps_,
        uint16 tenantShareBps_,
        address signer
    ) AccessControlDefaultAdminRules(adminTransferDelay, admin) {
        if (feeRecipient_ == address(0)) revert ZeroAddress();
        _setFee(feeBps_);
        _setTenantShare(tenantShareBps_);
        feeRecipient = feeRecipient_;
        complianceSigner = signer;
        emit FeeRecipientChanged(address(0), feeRecipient_);
        emit ComplianceSignerChanged(address(0), signer);
    }

    /// @notice The role that runs one tenant's deals: create sales and pools, allowlist, cancel,
    ///         release escrows, extend their deadlines, recover stranded tokens to the tenant's treasuries.
    function tenantOperatorRole(bytes32 tenantId) public pure returns (bytes32) {
        return keccak256(abi.encode("TENANT_OPERATOR", tenantId));
    }

    /// @notice The role that may send one tenant's escrowed money back to investors (reject, manual refund).
    function tenantAdminRole(bytes32 tenantId) public pure returns (bytes32) {
        return keccak256(abi.encode("TENANT_ADMIN", tenantId));
    }

    function setFeeBps(uint16 newBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFee(newBps);
    }

    function setTenantShareBps(uint16 newBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTenantShare(newBps);
    }

    function setFeeRecipient(address recipient) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (recipient == address(0)) revert ZeroAddress();
        emit FeeRecipientChanged(feeRecipient, recipient);
        feeRecipient = recipient;
    }

    function setComplianceSigner(address signer) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit ComplianceSignerChanged(complianceSigner, signer);
        complianceSigner = signer;
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        if (paused) revert AlreadyInState(true);
        paused = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!paused) revert AlreadyInState(false);
        paused = false;
        emit Unpaused(msg.sender);
    }

    function isTenantOperator(bytes32 tenantId, address account) external view returns (bool) {
        return hasRole(tenantOperatorRole(tenantId), account);
    }

    function isTenantAdmin(bytes32 tenantId, address account) external view returns (bool) {
        return hasRole(tenantAdminRole(tenantId), account);
    }

    function isPlatformAdmin(address account) external view returns (bool) {
        return hasRole(DEFAULT_ADMIN_ROLE, account);
    }

    function _setFee(uint16 newBps) private {
        if (newBps > MAX_FEE_BPS) revert FeeAboveCap(newBps, MAX_FEE_BPS);
        emit FeeChanged(feeBps, newBps);
        feeBps = newBps;
    }

    function _setTenantShare(uint16 newBps) private {
        if (newBps > BPS) revert ShareAboveWhole(newBps);
        emit TenantShareChanged(tenantShareBps, newBps);
        tenantShareBps = newBps;
    }
}
