"""The service: a REST API over the store (``tradescreen serve``)."""
