#pragma once
// The filter command the UI sends to the analytics engine. Until the engine's header is in the
// tree this declares an identical struct, so the widgets build either way.

#if __has_include("analytics/AnalyticsEngine.h")
#include "analytics/AnalyticsEngine.h"
#else
#include <QMetaType>
#include <cstdint>
#include <string>
#include <vector>

namespace wt::analytics {
struct Filter {
    bool includeBots = true;
    bool includeHumans = true;
    std::vector<std::int32_t> namespaces; // empty: all
    std::uint8_t typeMask = 0xFF;          // bit (1 << EditType)
    std::vector<std::string> wikiPatterns; // empty: all
    bool excludeWikis = false;             // patterns name wikis to leave out
    std::int32_t minAbsDelta = 0;
};
} // namespace wt::analytics
Q_DECLARE_METATYPE(wt::analytics::Filter)
#endif
