#pragma once
// Users by edits in the lookback, in logarithmic bins 1, 2-3, 4-7, 8-15, ... kept incrementally
// as one user's count moves by one. Analytics thread only.

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "analytics/DashboardSnapshot.h"

namespace wt::analytics {

class EngagementHistogram {
public:
    // A user's edit count changed from `before` to `after` (0 = not active).
    void move(std::uint32_t before, std::uint32_t after)
    {
        if (before > 0)
            --m_bins[binOf(before)];
        if (after > 0)
            ++m_bins[binOf(after)];
    }
    void clear() { m_bins.fill(0); }
    // Bins from 1 up to the highest non-empty one (empty bins in between included).
    std::vector<HistogramBin> bins() const;
    static int binOf(std::uint32_t edits) { return std::bit_width(edits) - 1; }

private:
    std::array<std::uint64_t, 33> m_bins{};
};

} // namespace wt::analytics
