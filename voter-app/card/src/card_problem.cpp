// The names of CardProblem values, as logs and the CLI print them.
#include "evote/card/id_card.hpp"

namespace evote::card {

std::string_view to_string(CardProblem problem) {
  switch (problem) {
    case CardProblem::module_not_loaded:
      return "module_not_loaded";
    case CardProblem::no_reader:
      return "no_reader";
    case CardProblem::no_card:
      return "no_card";
    case CardProblem::not_an_id_card:
      return "not_an_id_card";
    case CardProblem::wrong_pin:
      return "wrong_pin";
    case CardProblem::pin_blocked:
      return "pin_blocked";
    case CardProblem::pin_format:
      return "pin_format";
    case CardProblem::card_removed:
      return "card_removed";
    case CardProblem::token_error:
      return "token_error";
  }
  return "?";
}

}  // namespace evote::card
