#pragma once
// Recognises IPv4 and IPv6 addresses, the user names MediaWiki gives anonymous editors.
// Pure functions: safe on any thread.

#include <string_view>

namespace wt::enrich {

// Dotted quad, each part 1-3 decimal digits up to 255 ("178.66.155.34").
bool isIpv4(std::string_view text);

// RFC 4291 text forms: 8 groups of 1-4 hex digits (either case), at most one "::" for a run of
// zero groups, optionally ending in a dotted quad ("::ffff:1.2.3.4"). MediaWiki shows IPv6
// editors upper-case and uncompressed ("2603:7000:2101:AA00:2C88:EF86:E027:B1B9").
bool isIpv6(std::string_view text);

inline bool isIpAddress(std::string_view text)
{
    return isIpv4(text) || isIpv6(text);
}

} // namespace wt::enrich
