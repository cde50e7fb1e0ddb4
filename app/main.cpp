#include <QCoreApplication>
#include <cstdio>

#include "wikitide/Version.h"

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    std::printf("WikiTide %s\n", wt::kVersion);
    return 0;
}
