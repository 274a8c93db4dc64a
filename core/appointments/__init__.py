"""Visits to a service centre: free slots, booking that never overbooks, cancel, reschedule, check-in, no-show, ICS.

    slots      opening hours → slots of a day, holidays and 调休, seats left (pure, plus read helpers)
    seats      the seat counter (slot_load) and the write transaction that guards it
    booking    book / cancel / reschedule (booker with cancel code or ID number, or staff)
    visits     check-in and no-show at the window
    access     cancel codes and who may change an appointment
    centres    centres as shown to visitors, and their settings (hours, slot length, capacity, closed days)
    ics        an appointment as an iCalendar file
    notices    the outbox messages the applicant receives
"""
from .access import cancel_code
from .booking import AlreadyBooked, book_appointment, cancel_appointment, parse_local_time, reschedule_appointment
from .centres import centre_info, configure_centre, list_centres
from .ics import appointment_ics
from .slots import BOOKING_DAYS, DaySlots, Slot, day_slots, list_free_slots
from .visits import appointments_of_day, check_in, mark_no_show

__all__ = ["AlreadyBooked", "BOOKING_DAYS", "DaySlots", "Slot", "appointment_ics", "appointments_of_day", "book_appointment",
           "cancel_appointment", "cancel_code", "centre_info", "check_in", "configure_centre", "day_slots",
           "list_centres", "list_free_slots", "mark_no_show", "parse_local_time", "reschedule_appointment"]
