#include "WeekdayHeatmapWidget.h"

#include "ChartLooks.h"
#include "Format.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace wt::ui {

namespace {
constexpr int kDays = 7;
constexpr int kHours = 24;
constexpr int kMargin = 6;
constexpr int kGap = 1; // between cells, so equal neighbours stay readable as separate cells

// A round legend top (1, 1.5, 2, ... 8 x 10^n), close to the maximum so the ramp is used fully, so
// the legend's end label reads cleanly.
double niceCeil(double v)
{
    if (v <= 0)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
        if (v <= m * p * (1 + 1e-9))
            return m * p;
    return 10 * p;
}

QColor mix(const QColor& a, const QColor& b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QString perHour(double average)
{
    // Whole numbers once they are big enough that a decimal is noise.
    if (average >= 10 || average == 0)
        return fmt::count(std::uint64_t(std::llround(average)));
    return QLocale().toString(average, 'f', 1);
}

QString hourSpan(int hour)
{
    return QStringLiteral("%1:00–%2:00")
        .arg(hour, 2, 10, QLatin1Char('0'))
        .arg((hour + 1) % 24 == 0 ? 24 : hour + 1, 2, 10, QLatin1Char('0'));
}
} // namespace

WeekdayHeatmapWidget::WeekdayHeatmapWidget(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAccessibleName(tr("Average events per hour by weekday and hour"));
}

void WeekdayHeatmapWidget::setHeatmap(const store::WeekdayHeatmap& heatmap)
{
    m_heatmap = heatmap;
    double top = 0;
    for (const auto& row : m_heatmap.average)
        for (double v : row)
            top = std::max(top, v);
    m_scaleMax = niceCeil(top);
    update();
}

bool WeekdayHeatmapWidget::isCovered(int weekday, int hour) const
{
    return m_heatmap.coveredHours[std::size_t(weekday)][std::size_t(hour)] > 0;
}

double WeekdayHeatmapWidget::average(int weekday, int hour) const
{
    return m_heatmap.average[std::size_t(weekday)][std::size_t(hour)];
}

bool WeekdayHeatmapWidget::hasData() const
{
    for (int d = 0; d < kDays; ++d)
        for (int h = 0; h < kHours; ++h)
            if (isCovered(d, h))
                return true;
    return false;
}

QColor WeekdayHeatmapWidget::rampColor(double fraction) const
{
    // Sequential: from a faint tint of the window colour (zero is still "recorded", so it must
    // differ from the hatched "not recorded") to the full accent, then deeper (light look) or
    // brighter (dark look) so that the top stays the most contrasting end.
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor accent = looks::humans(pal);
    const bool dark = looks::isDark(pal);
    const QColor low = mix(base, accent, dark ? 0.18 : 0.10);
    const QColor high = dark ? mix(accent, QColor(0xe8, 0xf2, 0xff), 0.55)
                             : mix(accent, QColor(0x08, 0x1d, 0x4a), 0.55);
    if (fraction <= 0.6)
        return mix(low, accent, fraction / 0.6);
    return mix(accent, high, (fraction - 0.6) / 0.4);
}

QColor WeekdayHeatmapWidget::noDataColor() const
{
    QColor c = palette().color(QPalette::WindowText);
    c.setAlpha(looks::isDark(palette()) ? 110 : 70); // thin lines fade more on a dark ground
    return c;
}

QColor WeekdayHeatmapWidget::cellColor(int weekday, int hour) const
{
    if (!isCovered(weekday, hour))
        return palette().color(QPalette::Base);
    return rampColor(m_scaleMax > 0 ? average(weekday, hour) / m_scaleMax : 0);
}

QString WeekdayHeatmapWidget::cellToolTip(int weekday, int hour) const
{
    const QString day = QLocale().dayName(weekday + 1, QLocale::ShortFormat);
    if (!isCovered(weekday, hour))
        return tr("%1 %2: not recorded (WikiTide was not running)").arg(day, hourSpan(hour));
    const double weeks = m_heatmap.coveredHours[std::size_t(weekday)][std::size_t(hour)];
    const bool whole = std::abs(weeks - std::round(weeks)) < 0.05;
    // No translator installed means no plural forms from tr("%n"): spell both out.
    const QString span = !whole ? tr("%1 weeks").arg(QLocale().toString(weeks, 'f', 1))
                         : std::lround(weeks) == 1 ? tr("1 week")
                                                   : tr("%1 weeks").arg(std::lround(weeks));
    return tr("%1 %2: %3 events/h average over %4")
        .arg(day, hourSpan(hour), perHour(average(weekday, hour)), span);
}

WeekdayHeatmapWidget::Geometry WeekdayHeatmapWidget::geometry() const
{
    const QFontMetrics fm = fontMetrics();
    Geometry g;
    for (int d = 1; d <= kDays; ++d)
        g.labelWidth = std::max(g.labelWidth,
                                fm.horizontalAdvance(QLocale().dayName(d, QLocale::ShortFormat)));
    g.labelWidth += 8;
    const int top = kMargin + fm.height() + 2; // hour labels
    const int legendHeight = fm.height() + 10; // ramp + its labels
    const int left = kMargin + g.labelWidth;
    const int width = std::max(kHours * 4, this->width() - left - kMargin);
    const int height = std::max(kDays * 4, this->height() - top - legendHeight - kMargin - 6);
    g.cellW = double(width) / kHours;
    // Cells no taller than about twice their width, so a tall dock does not stretch them into bars.
    g.cellH = std::min(double(height) / kDays, std::max(g.cellW * 1.2, double(fm.height()) + 4));
    g.grid = QRect(left, top, width, int(g.cellH * kDays));
    const int legendTop = g.grid.bottom() + 8;
    const int barWidth = std::min(260, std::max(80, width / 3));
    g.legendBar = QRect(left + fm.horizontalAdvance(QStringLiteral("0")) + 6,
                        legendTop + (fm.height() - 10) / 2, barWidth, 10);
    return g;
}

QRect WeekdayHeatmapWidget::cellRect(int weekday, int hour) const
{
    const Geometry g = geometry();
    const int x0 = g.grid.left() + int(std::lround(hour * g.cellW));
    const int x1 = g.grid.left() + int(std::lround((hour + 1) * g.cellW));
    const int y0 = g.grid.top() + int(std::lround(weekday * g.cellH));
    const int y1 = g.grid.top() + int(std::lround((weekday + 1) * g.cellH));
    return QRect(x0, y0, std::max(1, x1 - x0 - kGap), std::max(1, y1 - y0 - kGap));
}

int WeekdayHeatmapWidget::cellAt(const QPoint& pos) const
{
    const Geometry g = geometry();
    if (!g.grid.contains(pos))
        return -1;
    const int hour = std::clamp(int((pos.x() - g.grid.left()) / g.cellW), 0, kHours - 1);
    const int day = std::clamp(int((pos.y() - g.grid.top()) / g.cellH), 0, kDays - 1);
    return day * kHours + hour;
}

QSize WeekdayHeatmapWidget::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return QSize(fm.horizontalAdvance(QStringLiteral("Wed")) + 24 * 28 + 30,
                 kDays * 26 + 3 * fm.height() + 30);
}

QSize WeekdayHeatmapWidget::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return QSize(fm.horizontalAdvance(QStringLiteral("Wed")) + 24 * 10 + 30,
                 kDays * 12 + 3 * fm.height() + 20);
}

void WeekdayHeatmapWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const Geometry g = geometry();
    const QColor text = pal.color(QPalette::WindowText);
    QColor dimText = text;
    dimText.setAlpha(170);

    // Hour labels: every hour when they fit, else every third.
    const int labelStep = g.cellW >= fm.horizontalAdvance(QStringLiteral("00")) + 6 ? 1 : 3;
    p.setPen(dimText);
    for (int h = 0; h < kHours; h += labelStep) {
        const QRect r(g.grid.left() + int(h * g.cellW), kMargin, int(g.cellW), fm.height());
        p.drawText(r, Qt::AlignCenter, QStringLiteral("%1").arg(h, 2, 10, QLatin1Char('0')));
    }
    for (int d = 0; d < kDays; ++d) {
        const QRect r(kMargin, g.grid.top() + int(d * g.cellH), g.labelWidth - 8, int(g.cellH));
        p.setPen(text);
        p.drawText(r, Qt::AlignVCenter | Qt::AlignRight,
                   QLocale().dayName(d + 1, QLocale::ShortFormat));
    }

    const QBrush hatch(noDataColor(), Qt::BDiagPattern);
    for (int d = 0; d < kDays; ++d) {
        for (int h = 0; h < kHours; ++h) {
            const QRect r = cellRect(d, h);
            p.fillRect(r, cellColor(d, h));
            if (!isCovered(d, h))
                p.fillRect(r, hatch);
        }
    }

    // Legend: 0 [ramp] top events/h    [hatched] not recorded
    const QRect bar = g.legendBar;
    QLinearGradient ramp(bar.topLeft(), bar.topRight());
    for (int i = 0; i <= 10; ++i)
        ramp.setColorAt(i / 10.0, rampColor(i / 10.0));
    p.setPen(dimText);
    p.drawText(QRect(g.grid.left(), bar.center().y() - fm.height() / 2,
                     bar.left() - g.grid.left() - 4, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
    p.fillRect(bar, ramp);
    const QString topLabel =
        hasData() ? tr("%1 events/h").arg(perHour(m_scaleMax)) : tr("events/h");
    const int topX = bar.right() + 6;
    p.drawText(QRect(topX, bar.center().y() - fm.height() / 2, fm.horizontalAdvance(topLabel) + 2,
                     fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, topLabel);
    const QRect swatch(topX + fm.horizontalAdvance(topLabel) + 24, bar.top(), 18, bar.height());
    p.fillRect(swatch, pal.color(QPalette::Base));
    p.fillRect(swatch, hatch);
    p.drawText(QRect(swatch.right() + 6, bar.center().y() - fm.height() / 2, width(), fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, tr("not recorded"));

    if (!hasData()) {
        const QString msg = tr("No weekday history yet");
        QRect box = fm.boundingRect(msg).adjusted(-12, -6, 12, 6);
        box.moveCenter(g.grid.center());
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(pal.color(QPalette::Window));
        p.drawRoundedRect(box, 4, 4);
        p.setPen(text);
        p.drawText(box, Qt::AlignCenter, msg);
    }
}

bool WeekdayHeatmapWidget::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const int cell = cellAt(help->pos());
        if (cell < 0) {
            QToolTip::hideText();
            e->ignore();
        } else {
            QToolTip::showText(help->globalPos(), cellToolTip(cell / kHours, cell % kHours), this,
                               cellRect(cell / kHours, cell % kHours));
        }
        return true;
    }
    return QWidget::event(e);
}

void WeekdayHeatmapWidget::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::FontChange)
        update();
    QWidget::changeEvent(e);
}

} // namespace wt::ui
