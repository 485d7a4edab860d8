// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title A tenant's on-chain register of verified wallets (the identity side of its permissioned tokens).
/// @notice Written from the platform's KYC by the tenant's compliance agent: a wallet is verified with the
///         country of its holder as its ISO 3166-1 alpha-2 code in two ASCII bytes ("US" = 0x5553, "DE" = 0x4445;
///         a US person under Regulation S is registered as "US" whatever the residence) and an investor category
///         (1 retail, 2 accredited, 3 qualified purchaser, 4 institutional; 0 is never stored). Removing a
///         wallet (KYC revoked, wallet unlinked) makes it unable to receive any permissioned token that reads
///         this registry; what it already holds stays, subject to each token's freeze.
///         One registry serves all of a tenant's tokens, so a member verified once can hold any of them.
contract IdentityRegistry is AccessControl {
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");

    struct Identity {
        uint16 country;
        uint8 category;
    }

    mapping(address wallet => Identity) private identities;

    event IdentityRegistered(address indexed wallet, uint16 country, uint8 category);
    event IdentityRemoved(address indexed wallet);

    error InvalidIdentity(address wallet);
    error LengthMismatch();

    constructor(address admin, address agent) {
        if (admin == address(0) || agent == address(0)) revert InvalidIdentity(address(0));
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(AGENT_ROLE, agent);
    }

    /// @notice Registers or updates one wallet.
    function registerIdentity(address wallet, uint16 country, uint8 category) external onlyRole(AGENT_ROLE) {
        _register(wallet, country, category);
    }

    /// @notice Registers or updates many wallets in one transaction (the platform's backfill after KYC).
    function registerIdentities(address[] calldata wallets, uint16[] calldata countries, uint8[] calldata categories)
        external
        onlyRole(AGENT_ROLE)
    {
        if (wallets.length != countries.length || wallets.length != categories.length) revert LengthMismatch();
        for (uint256 i = 0; i < wallets.length; i++) {
            _register(wallets[i], countries[i], categories[i]);
        }
    }

    function removeIdentity(address wallet) external onlyRole(AGENT_ROLE) {
        delete identities[wallet];
        emit IdentityRemoved(wallet);
    }

    function isVerified(address wallet) external view returns (bool) {
        return identities[wallet].category != 0;
    }

    /// @return country 0 when the wallet is not verified.
    function investorCountry(address wallet) external view returns (uint16 country) {
        return identities[wallet].country;
    }

    /// @return category 0 when the wallet is not verified.
    function investorCategory(address wallet) external view returns (uint8 category) {
        return identities[wallet].category;
    }

    function identityOf(address wallet) external view returns (Identity memory) {
        return identities[wallet];
    }

    /// @notice Two upper-case ASCII letters.
    function isCountryCode(uint16 country) public pure returns (bool) {
        uint8 a = uint8(country >> 8);
        uint8 b = uint8(country);
        return a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a;
    }

    function _register(address wallet, uint16 country, uint8 category) private {
        if (wallet == address(0) || !isCountryCode(country) || category == 0 || category > 4) {
            revert InvalidIdentity(wallet);
        }
        identities[wallet] = Identity(country, category);
        emit IdentityRegistered(wallet, country, category);
    }
}
