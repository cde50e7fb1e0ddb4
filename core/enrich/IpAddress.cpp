#include "enrich/IpAddress.h"

#include <cstddef>

namespace wt::enrich {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

} // namespace

bool isIpv4(std::string_view text)
{
    std::size_t i = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (i >= text.size() || text[i] != '.')
                return false;
            ++i;
        }
        int value = 0;
        std::size_t digits = 0;
        while (i < text.size() && isDigit(text[i]) && digits < 4) {
            value = value * 10 + (text[i] - '0');
            ++i;
            ++digits;
        }
        if (digits == 0 || digits > 3 || value > 255)
            return false;
    }
    return i == text.size();
}

bool isIpv6(std::string_view text)
{
    const std::size_t n = text.size();
    if (n < 2 || n > 45)
        return false;
    std::size_t i = 0;
    int groups = 0;
    bool compressed = false;
    if (text[0] == ':') {
        if (text[1] != ':')
            return false;
        compressed = true;
        i = 2;
        if (i == n)
            return true; // "::"
    }
    while (true) {
        std::size_t j = i;
        while (j < n && isHex(text[j]) && j - i < 5)
            ++j;
        if (j < n && text[j] == '.') {
            // A dotted-quad tail stands for the last two groups.
            if (!isIpv4(text.substr(i)))
                return false;
            groups += 2;
            break;
        }
        if (j == i || j - i > 4)
            return false;
        ++groups;
        i = j;
        if (i == n)
            break;
        if (text[i] != ':')
            return false;
        ++i;
        if (i < n && text[i] == ':') {
            if (compressed)
                return false; // only one "::"
            compressed = true;
            ++i;
            if (i == n)
                break;
        } else if (i == n) {
            return false; // a single trailing ':'
        }
        if (groups > 8)
            return false;
    }
    return compressed ? groups <= 7 : groups == 8;
}

} // namespace wt::enrich
