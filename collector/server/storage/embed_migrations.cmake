# Writes OUT: a C++ file defining evote::collector::built_in_migrations()
# from the SQL files in SQL_DIR (sorted; named NNN_name.sql).
file(GLOB SQL_FILES ${SQL_DIR}/*.sql)
set(body "")
list(SORT SQL_FILES)
set(expected 1)
foreach(file ${SQL_FILES})
  get_filename_component(name ${file} NAME)
  string(REGEX MATCH "^([0-9][0-9][0-9])_[a-z0-9_]+\\.sql$" matched ${name})
  if(NOT matched)
    message(FATAL_ERROR "migration ${name}: the name must be NNN_name.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "migration ${name}: expected number ${expected} (no gaps)")
  endif()
  math(EXPR expected "${expected} + 1")
  file(READ ${file} sql)
  string(APPEND body "      {${version}, \"${name}\", R\"evote_sql(${sql})evote_sql\"},\n")
endforeach()
file(WRITE ${OUT}.new "// Generated from collector/server/sql/*.sql by embed_migrations.cmake.
#include \"storage/migrations.hpp\"

namespace evote::collector {

const std::vector<Migration>& built_in_migrations() {
  static const std::vector<Migration> migrations = {
${body}  };
  return migrations;
}

}  // namespace evote::collector
")
file(COPY_FILE ${OUT}.new ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.new)
