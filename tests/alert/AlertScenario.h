#pragma once
// Builds alert test recordings from the REAL events in tests/data: every event is parsed from
// its recorded JSON line; only its event time is rewritten to place it in a scenario
// (background hour, burst, quiet stretch).

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "event/EditEvent.h"
#include "event/EventParser.h"
#include "support/Recordings.h"

namespace wt::test {

// Every real event of every recording in tests/data, in file order.
inline std::vector<event::EditEvent> realEvents()
{
    std::vector<event::EditEvent> all;
    event::EventParser parser;
    for (const QString& file : recordingFiles()) {
        for (const std::string& line : recordingLines(file)) {
            event::EditEvent e;
            if (parser.parse(line, e).status == event::ParseStatus::Ok)
                all.push_back(std::move(e));
        }
    }
    return all;
}

inline std::vector<event::EditEvent> selectEvents(const std::vector<event::EditEvent>& from,
                                                  const std::function<bool(const event::EditEvent&)>& keep,
                                                  std::size_t max = static_cast<std::size_t>(-1))
{
    std::vector<event::EditEvent> out;
    for (const auto& e : from) {
        if (out.size() >= max)
            break;
        if (keep(e))
            out.push_back(e);
    }
    return out;
}

// Spreads the events evenly over [startMs, startMs + spanMs), keeping their order.
inline void retime(std::vector<event::EditEvent>& events, std::int64_t startMs, std::int64_t spanMs)
{
    const auto n = static_cast<std::int64_t>(events.size());
    for (std::int64_t i = 0; i < n; ++i)
        events[static_cast<std::size_t>(i)].timeMs = startMs + (n > 0 ? i * spanMs / n : 0);
}

// Merges parts into one recording ordered by (re-written) event time.
inline std::vector<event::EditEvent> mergeByTime(std::vector<std::vector<event::EditEvent>> parts)
{
    std::vector<event::EditEvent> all;
    for (auto& p : parts)
        all.insert(all.end(), std::make_move_iterator(p.begin()), std::make_move_iterator(p.end()));
    std::stable_sort(all.begin(), all.end(),
                     [](const event::EditEvent& a, const event::EditEvent& b) { return a.timeMs < b.timeMs; });
    return all;
}

// Cuts the recording into batches of n events, as the ingest stage hands them over.
inline std::vector<event::EventBatch> batches(const std::vector<event::EditEvent>& all, std::size_t n)
{
    std::vector<event::EventBatch> out;
    for (std::size_t i = 0; i < all.size(); i += n)
        out.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(i),
                         all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), i + n)));
    return out;
}

inline constexpr std::int64_t kMinute = 60 * 1000;
// A fixed origin (2024-02-06T16:00:00Z, minute-aligned) so the scenarios are deterministic.
inline constexpr std::int64_t kOrigin = 1707235200000;

} // namespace wt::test
