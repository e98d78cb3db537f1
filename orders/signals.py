"""What orders tells the apps above it, inside the transaction of the change."""

from django.dispatch import Signal

# The same two accounts completed trades again and again (rating farming). kwargs: order, count,
# order_ids.
rating_farming_suspected = Signal()
