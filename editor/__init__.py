"""ZoneDesk (开发区新闻编辑台): a desktop newsroom editor for development-zone news."""

__version__ = "0.1.0"
