#include "event/Iso8601.h"

#include "event/CivilDate.h"

namespace wt::event {

namespace {

class Cursor {
public:
    explicit Cursor(std::string_view text) : m_p(text.data()), m_end(text.data() + text.size()) {}

    bool atEnd() const { return m_p == m_end; }
    char peek() const { return m_p == m_end ? '\0' : *m_p; }
    bool accept(char c)
    {
        if (peek() != c)
            return false;
        ++m_p;
        return true;
    }
    bool digits(int count, int& value)
    {
        if (m_end - m_p < count)
            return false;
        value = 0;
        for (int i = 0; i < count; ++i) {
            const char c = m_p[i];
            if (c < '0' || c > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        m_p += count;
        return true;
    }
    bool isDigit() const { return peek() >= '0' && peek() <= '9'; }
    void advance() { ++m_p; }

private:
    const char* m_p;
    const char* m_end;
};

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

} // namespace

std::int64_t parseIso8601Ms(std::string_view text, bool& ok)
{
    ok = false;
    Cursor c(text);
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    if (!c.digits(4, year))
        return 0;
    const bool extended = c.accept('-');
    if (!c.digits(2, month) || (extended && !c.accept('-')) || !c.digits(2, day))
        return 0;
    if (!c.accept('T') && !c.accept('t') && !c.accept(' '))
        return 0;
    if (!c.digits(2, hour) || (extended && !c.accept(':')) || !c.digits(2, minute))
        return 0;
    if (extended ? c.accept(':') : c.isDigit()) {
        if (!c.digits(2, second))
            return 0;
        if (c.accept('.') || c.accept(',')) {
            if (!c.isDigit())
                return 0;
            int scale = 100;
            while (c.isDigit()) {
                millis += (c.peek() - '0') * scale; // digits past the third only truncate
                scale /= 10;
                c.advance();
            }
        }
    }
    int offsetMinutes = 0;
    if (c.accept('Z') || c.accept('z')) {
    } else if (c.peek() == '+' || c.peek() == '-') {
        const int sign = c.peek() == '-' ? -1 : 1;
        c.advance();
        int offH = 0, offM = 0;
        if (!c.digits(2, offH))
            return 0;
        if (c.accept(':') ? !c.digits(2, offM) : (c.isDigit() && !c.digits(2, offM)))
            return 0;
        if (offH > 23 || offM > 59)
            return 0;
        offsetMinutes = sign * (offH * 60 + offM);
    }
    if (!c.atEnd())
        return 0;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return 0;
    // 24:00:00 is the end of the day in ISO 8601; 60 is a leap second.
    const bool endOfDay = hour == 24 && minute == 0 && second == 0 && millis == 0;
    if ((hour > 23 && !endOfDay) || minute > 59 || second > 60)
        return 0;
    const std::int64_t days =
        daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second;
    ok = true;
    return seconds * 1000 + millis;
}

} // namespace wt::event
