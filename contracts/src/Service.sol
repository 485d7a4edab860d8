// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IService} from "./interfaces/IService.sol";

/// @title Platform-wide configuration shared by every deal contract.
/// @notice Holds the fee policy, the compliance signer and the emergency pause. Deal contracts read
///         these at the moment they act, so one transaction here changes the whole system.
contract Service is AccessControl, IService {
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @dev 10%: a hard ceiling so a compromised admin key cannot take an investor's principal as "fee".
    uint16 public constant MAX_FEE_BPS = 1_000;
    uint16 internal constant BPS = 10_000;

    uint16 public feeBps;
    /// @notice Share of the platform fee paid to the tenant's treasury, in basis points of the fee.
    uint16 public tenantShareBps;
    bool public paused;
    address public feeRecipient;
    address public complianceSigner;

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

    constructor(address admin, address feeRecipient_, uint16 feeBps_, uint16 tenantShareBps_, address signer) {
        if (admin == address(0) || feeRecipient_ == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, admin);
        _setFee(feeBps_);
        _setTenantShare(tenantShareBps_);
        feeRecipient = feeRecipient_;
        complianceSigner = signer;
        emit FeeRecipientChanged(address(0), feeRecipient_);
        emit ComplianceSignerChanged(address(0), signer);
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

    /// @notice Operators may stop the system in an emergency; only an admin may restart it,
    ///         so a single compromised operator key cannot flap the switch.
    function pause() external onlyRole(OPERATOR_ROLE) {
        if (paused) revert AlreadyInState(true);
        paused = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!paused) revert AlreadyInState(false);
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// @notice Splits the platform fee on `amount` between the platform and the tenant.
    function feeSplit(uint256 amount) external view returns (uint256 platformFee, uint256 tenantFee) {
        uint256 fee = (amount * feeBps) / BPS;
        tenantFee = (fee * tenantShareBps) / BPS;
        platformFee = fee - tenantFee;
    }

    function isOperator(address account) external view returns (bool) {
        return hasRole(OPERATOR_ROLE, account);
    }

    function isAdmin(address account) external view returns (bool) {
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
