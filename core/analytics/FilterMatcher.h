#pragma once
// The compiled view filter: decides per retained record whether it counts in the dashboard,
// with the wiki-pattern answer cached per wiki id. Analytics thread only.

#include <cstdint>
#include <string_view>
#include <vector>

#include "analytics/AnalyticsConfig.h"
#include "analytics/EventRecord.h"

namespace wt::analytics {

class SecondRing;

class FilterMatcher {
public:
    explicit FilterMatcher(Filter filter = {});
    const Filter& filter() const { return m_filter; }
    bool passes(const EventRecord& r, const SecondRing& ring) const;
    // Glob with '*' and '?', ASCII case-insensitive.
    static bool globMatch(std::string_view pattern, std::string_view text);

private:
    bool wikiPasses(std::uint32_t wikiId, const SecondRing& ring) const;

    Filter m_filter;
    struct CachedWiki {
        std::uint64_t generation = 0; // WikiInfo::generation the answer was computed for
        bool pass = false;
    };
    mutable std::vector<CachedWiki> m_wikiCache; // by wiki id
};

} // namespace wt::analytics
