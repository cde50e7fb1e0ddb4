#include "BarListWidget.h"

#include <QPainter>
#include <algorithm>

#include "Format.h"

namespace wt::ui {

BarListWidget::BarListWidget(const QString& title, QWidget* parent) : QWidget(parent), m_title(title)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void BarListWidget::setBars(const QList<Bar>& bars)
{
    bool same = bars.size() == m_bars.size();
    for (qsizetype i = 0; same && i < bars.size(); ++i)
        same = bars[i].label == m_bars[i].label && bars[i].value == m_bars[i].value &&
               bars[i].color == m_bars[i].color;
    if (same)
        return;
    const bool resized = bars.size() != m_bars.size();
    m_bars = bars;
    if (resized)
        updateGeometry();
    update();
}

QStringList BarListWidget::labels() const
{
    QStringList out;
    for (const Bar& b : m_bars)
        out << b.label;
    return out;
}

QList<double> BarListWidget::values() const
{
    QList<double> out;
    for (const Bar& b : m_bars)
        out << b.value;
    return out;
}

int BarListWidget::rowHeight() const { return fontMetrics().height() * 5 / 4; }

QSize BarListWidget::sizeHint() const
{
    const int rows = std::max<int>(4, int(m_bars.size())) + 1;
    return {fontMetrics().height() * 18, rows * rowHeight() + fontMetrics().height() / 2};
}

QSize BarListWidget::minimumSizeHint() const
{
    return {fontMetrics().height() * 12, (std::max<int>(2, int(m_bars.size())) + 1) * rowHeight()};
}

void BarListWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const int row = rowHeight();
    const int pad = fm.height() / 3;
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(pad, 0, width() - 2 * pad, row), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    p.setFont(font());

    double total = 0, top = 0;
    int labelWidth = 0;
    for (const Bar& b : m_bars) {
        total += b.value;
        top = std::max(top, b.value);
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(b.label));
    }
    labelWidth = std::min(labelWidth, width() / 3);
    const int valueWidth = fm.horizontalAdvance(QStringLiteral("888,888  88.8 %"));
    const int barLeft = pad + labelWidth + pad;
    const int barWidth = std::max(0, width() - barLeft - valueWidth - 2 * pad);
    const QColor fallback = palette().color(QPalette::Highlight);
    QColor track = palette().color(QPalette::WindowText);
    track.setAlpha(22);
    for (qsizetype i = 0; i < m_bars.size(); ++i) {
        const Bar& b = m_bars[i];
        const int y = int(i + 1) * row;
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(pad, y, labelWidth, row), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(b.label, Qt::ElideRight, labelWidth));
        const QRect bar(barLeft, y + row / 5, barWidth, row - 2 * (row / 5));
        p.fillRect(bar, track);
        if (top > 0)
            p.fillRect(QRect(bar.left(), bar.top(), int(bar.width() * (b.value / top)), bar.height()),
                       b.color.isValid() ? b.color : fallback);
        const QString value = fmt::count(std::uint64_t(b.value)) + QStringLiteral("  ") +
                              fmt::share(std::uint64_t(b.value), std::uint64_t(total));
        p.drawText(QRect(bar.right() + pad, y, valueWidth + pad, row), Qt::AlignRight | Qt::AlignVCenter, value);
    }
}

} // namespace wt::ui
