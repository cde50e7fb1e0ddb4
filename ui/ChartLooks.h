#pragma once
// Chart colours and theme derived from the widget palette (GUI thread), so charts follow the
// system's light or dark look instead of hard-coded white.

#include <QColor>
#include <QPalette>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace wt::ui::looks {

bool isDark(const QPalette& palette);
// Applies a light/dark chart theme, then the palette's own window and text colours.
void applyTo(QChart* chart, const QPalette& palette);
QColor additions(const QPalette& palette);
QColor removals(const QPalette& palette);
QColor neutral(const QPalette& palette);
QColor humans(const QPalette& palette);
QColor bots(const QPalette& palette);
// A chart view with antialiasing, no frame, and the palette's background.
void prepareView(QChartView* view);

} // namespace wt::ui::looks
