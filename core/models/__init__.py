"""ORM models (SQLAlchemy 2.0 typed declarative); the schema itself comes from Alembic migrations."""
from ..db import Base
from .catalogue import Archive, Fonds, Record
from .deployment import DeploymentSetting
from .people import Citizen, StaffUser, STAFF_ROLES
from .places import ServiceCentre
from .search import SearchQueue
from .workflow import Application, AuditEntry, OutboxMessage
from .appointments import Appointment, SlotLoad
from .certificates import Certificate
from .dialogue import BindingCode, ChatBinding, Handoff
from .evidence import ApplicationRecord

__all__ = ["Base", "Archive", "Fonds", "Record", "ServiceCentre", "Citizen", "StaffUser", "STAFF_ROLES", "SearchQueue", "DeploymentSetting",
           "Application", "AuditEntry", "OutboxMessage", "Appointment", "SlotLoad", "Certificate",
           "Handoff", "ChatBinding", "BindingCode", "ApplicationRecord"]
