#pragma once
// Number and time formatting for everything the dashboard shows (GUI thread): locale thousands
// separators, byte units and signs, so that every panel reads the same way.

#include <QString>
#include <cstdint>

namespace wt::ui::fmt {

QString count(std::uint64_t n);               // "12,345"
QString bytes(std::int64_t n);                // "1.2 MB", "950 B" (sign kept for negatives)
QString signedBytes(std::int64_t n);          // "+3,456 B", "−1.2 kB" (exact below 100 kB)
QString share(std::uint64_t part, std::uint64_t whole); // "42.1 %", "–" when whole is 0
QString rate(double perSecond);               // "12.3/s"
QString duration(std::int64_t ms);            // "850 ms", "12 s", "3 min 5 s", "2 h 10 min"
QString clockTime(std::int64_t epochMs);      // local "13:01:59"
QString lookback(std::int64_t ms);            // "15 min", "3 h", "1 h 30 min"

} // namespace wt::ui::fmt
