#pragma once
// ISO 8601 date-time parsing for meta.dt. A pure function: safe on any thread.

#include <cstdint>
#include <string_view>

namespace wt::event {

// ISO 8601 date-time to UTC milliseconds since the epoch. Accepts the extended
// (2017-02-18T07:27:48+01:00) and basic (20170218T072748Z) forms, 'T', 't' or ' ' between date
// and time, optional seconds, an optional fraction ('.' or ','; truncated to ms) and 'Z',
// '±HH:MM', '±HHMM' or '±HH'; no offset means UTC. ok is false (and 0 returned) for anything else.
std::int64_t parseIso8601Ms(std::string_view text, bool& ok);

} // namespace wt::event
