// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IService} from "../interfaces/IService.sol";
import {EscrowCore} from "../EscrowCore.sol";

/// @notice Benchmark baseline only: the same escrow logic deployed whole for each investment, with
///         its terms as constructor immutables (the cheapest way a full deployment can hold them).
contract StandaloneEscrow is EscrowCore {
    address private immutable _sale;
    address private immutable _investor;
    address private immutable _token;
    uint256 private immutable _amount;
    uint256 private immutable _createdAt;

    constructor(IService service_, address sale, address investor, address token, uint256 amount)
        payable
        EscrowCore(service_)
    {
        _sale = sale;
        _investor = investor;
        _token = token;
        _amount = amount;
        _createdAt = block.timestamp;
    }

    function terms() public view override returns (Terms memory) {
        return Terms(_sale, _investor, _token, _amount, _createdAt);
    }
}

/// @notice Deploys and funds a StandaloneEscrow in one transaction, mirroring EscrowFactory.createEscrow.
contract StandaloneEscrowDeployer {
    using SafeERC20 for IERC20;

    IService public immutable service;

    event StandaloneEscrowCreated(address escrow);

    constructor(IService service_) {
        service = service_;
    }

    function createEscrow(address sale, address token, uint256 amount) external returns (address escrow) {
        escrow = address(new StandaloneEscrow(service, sale, msg.sender, token, amount));
        IERC20(token).safeTransferFrom(msg.sender, escrow, amount);
        emit StandaloneEscrowCreated(escrow);
    }
}
