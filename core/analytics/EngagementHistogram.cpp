#include "analytics/EngagementHistogram.h"

namespace wt::analytics {

std::vector<HistogramBin> EngagementHistogram::bins() const
{
    int top = -1;
    for (int i = 0; i < static_cast<int>(m_bins.size()); ++i)
        if (m_bins[i] != 0)
            top = i;
    std::vector<HistogramBin> out;
    for (int i = 0; i <= top; ++i) {
        HistogramBin b;
        b.minEdits = 1u << i;
        b.maxEdits = i >= 31 ? 0xffffffffu : (1u << (i + 1)) - 1;
        b.users = m_bins[i];
        out.push_back(b);
    }
    return out;
}

} // namespace wt::analytics
