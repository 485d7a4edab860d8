// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IService} from "./interfaces/IService.sol";

/// @notice Roles and the emergency pause live in one Service contract; every deal contract defers
///         to it instead of keeping its own copy, so revoking a key or pausing applies everywhere at once.
///         Operator and admin checks are per tenant: each contract names the tenant it belongs to.
abstract contract ServiceGated {
    error SystemPaused();
    error NotOperator(address caller);
    error NotAdmin(address caller);

    function _service() internal view virtual returns (IService);

    function _tenantId() internal view virtual returns (bytes32);

    modifier whenNotPaused() {
        if (_service().paused()) revert SystemPaused();
        _;
    }

    modifier onlyOperator() {
        if (!_service().isTenantOperator(_tenantId(), msg.sender)) revert NotOperator(msg.sender);
        _;
    }

    modifier onlyAdmin() {
        if (!_service().isTenantAdmin(_tenantId(), msg.sender)) revert NotAdmin(msg.sender);
        _;
    }
}
