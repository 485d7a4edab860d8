// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IService} from "./interfaces/IService.sol";
import {EscrowCore} from "./EscrowCore.sol";

/// @notice The implementation behind every per-investment escrow clone. Terms travel as the clone's
///         immutable arguments (ERC-1167 + appended bytes): no initializer, no storage writes for them,
///         and nobody can change them after creation.
contract Escrow is EscrowCore {
    /// @dev Packed layout: sale(20) investor(20) token(20) amount(16) createdAt(8) = 84 bytes.
    uint256 internal constant ARGS_LENGTH = 84;

    address private immutable _implementation;

    error NotAClone();

    constructor(IService service_) EscrowCore(service_) {
        _implementation = address(this);
    }

    function encodeTerms(address sale, address investor, address token, uint128 amount, uint64 createdAt)
        external
        pure
        returns (bytes memory)
    {
        return abi.encodePacked(sale, investor, token, amount, createdAt);
    }

    function terms() public view override returns (Terms memory t) {
        // The implementation itself has no arguments appended; reading them would return garbage.
        if (address(this) == _implementation) revert NotAClone();
        bytes memory args = Clones.fetchCloneArgs(address(this));
        if (args.length != ARGS_LENGTH) revert NotAClone();
        assembly ("memory-safe") {
            let p := add(args, 32)
            mstore(t, shr(96, mload(p)))
            mstore(add(t, 32), shr(96, mload(add(p, 20))))
            mstore(add(t, 64), shr(96, mload(add(p, 40))))
            mstore(add(t, 96), shr(128, mload(add(p, 60))))
            mstore(add(t, 128), shr(192, mload(add(p, 76))))
        }
    }
}
