"""JP and progress of the check-ins (issue 11 parts 4–6): the year's learning hours (JP,
*jam pelajaran*) planned and realized against the regulation's figures, items done, running,
late or cancelled — for the employee, the supervisor's team and the coordinator's units —
as text, a chart (PNG) and a workbook (XLSX)."""
