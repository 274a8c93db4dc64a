"""Facts about the deployment kept in its database, e.g. which identity key its citizen data is sealed with."""
from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class DeploymentSetting(Base):
    __tablename__ = "deployment_setting"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
