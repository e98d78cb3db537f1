from marketplace.accounts.permissions import is_platform_staff


def can_view_order(user, order) -> bool:
    return bool(user and user.is_authenticated) and (
        user.pk in (order.buyer_id, order.seller_id) or is_platform_staff(user)
    )


def can_decide_disputes(user) -> bool:
    return is_platform_staff(user)
