#pragma once
// Finding the next byte a JSON string cannot hold as is ('"', '\\' or a control character),
// 16 bytes at a time: most of a title or comment is plain text, and both the Kafka encoder
// and the consumer's fast decoder spend their time on this scan. Header-only, any thread.

#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wt::transport {

// Index of the first '"', '\\' or byte < 0x20 in [p, p + n) - and, with StopAtNonAscii, of
// the first byte >= 0x80 (the writer checks UTF-8 sequences itself) - or n. Reads only inside.
template <bool StopAtNonAscii = false>
inline std::size_t findJsonSpecial(const char* p, std::size_t n)
{
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i controlMax = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        // x <= 0x1F unsigned  <=>  min(x, 0x1F) == x
        const __m128i special =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
                         _mm_cmpeq_epi8(_mm_min_epu8(x, controlMax), x));
        int mask = _mm_movemask_epi8(special);
        if constexpr (StopAtNonAscii)
            mask |= _mm_movemask_epi8(x);
        if (mask != 0)
            return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (c == '"' || c == '\\' || c < 0x20 || (StopAtNonAscii && c >= 0x80))
            return i;
    }
    return n;
}

} // namespace wt::transport
