// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IService} from "./interfaces/IService.sol";

/// @notice Roles and the emergency pause live in one Service contract; every deal contract defers
///         to it instead of keeping its own copy, so revoking a key or pausing applies everywhere at once.
abstract contract ServiceGated {
    error SystemPaused();
    error NotOperator(address caller);
    error NotAdmin(address caller);

    function _service() internal view virtual returns (IService);

    modifier whenNotPaused() {
        if (_service().paused()) revert SystemPaused();
        _;
    }

    modifier onlyOperator() {
        if (!_service().isOperator(msg.sender)) revert NotOperator(msg.sender);
        _;
    }

    modifier onlyAdmin() {
        if (!_service().isAdmin(msg.sender)) revert NotAdmin(msg.sender);
        _;
    }
}
