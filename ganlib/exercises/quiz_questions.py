"""The questions of the end-of-lesson quizzes, lessons 00–06, each written once in both languages.

A question is a dict: "question" ({"en", "vi"}); either "choices" (a list of {"en", "vi"}) with
"answer", the index of the one right choice, or "number" (the right value) with "tolerance";
and "why" ({"en", "vi"}), the reason behind the right answer, shown once the student has answered.
Math is written in Unicode, not LaTeX, so that it reads the same in a widget, in Markdown and on GitHub.
"""

QUIZZES: dict[str, list[dict]] = {
    "00": [
        {
            "question": {
                "en": "What does a generative model learn?",
                "vi": "Một mô hình sinh (generative model) học điều gì?",
            },
            "choices": [
                {
                    "en": "p(y | x): the label of a given image",
                    "vi": "p(y | x): nhãn của một ảnh cho trước",
                },
                {
                    "en": "p(x): the distribution of the data, so that it can sample new images",
                    "vi": "p(x): phân phối của chính dữ liệu, để lấy mẫu được ảnh mới",
                },
                {
                    "en": "a distance between two images",
                    "vi": "một khoảng cách giữa hai ảnh",
                },
            ],
            "answer": 1,
            "why": {
                "en": "A discriminative model learns p(y | x); a generative model learns p(x) itself and can draw "
                      "new samples from it.",
                "vi": "Mô hình phân biệt học p(y | x); mô hình sinh học chính p(x) và lấy mẫu mới được từ nó.",
            },
        },
        {
            "question": {
                "en": "Why do digits drawn with independent pixels crumble into dots?",
                "vi": "Vì sao chữ số vẽ bằng các điểm ảnh độc lập lại vỡ thành chấm rời rạc?",
            },
            "choices": [
                {
                    "en": "The per-pixel ink probabilities were estimated from too few images",
                    "vi": "Xác suất có mực của từng điểm ảnh được ước lượng từ quá ít ảnh",
                },
                {
                    "en": "The images are only 28×28",
                    "vi": "Ảnh chỉ có kích thước 28×28",
                },
                {
                    "en": "Real pixels depend on each other, and the model ignores that joint structure",
                    "vi": "Các điểm ảnh thật phụ thuộc lẫn nhau, còn mô hình bỏ qua cấu trúc đồng thời đó",
                },
            ],
            "answer": 2,
            "why": {
                "en": "A pixel next to ink usually holds ink. Sampling each pixel on its own loses that, whatever "
                      "the number of images: a generative model must learn the joint distribution.",
                "vi": "Điểm ảnh cạnh nét mực thường cũng có mực. Lấy mẫu từng điểm ảnh riêng lẻ làm mất điều đó, "
                      "dù có bao nhiêu ảnh: mô hình sinh phải học phân phối đồng thời.",
            },
        },
        {
            "question": {
                "en": "How many numbers does one MNIST image hold (the dimension of x)?",
                "vi": "Một ảnh MNIST chứa bao nhiêu con số (số chiều của x)?",
            },
            "number": 784,
            "tolerance": 0,
            "why": {
                "en": "28 × 28 = 784 grey levels: p(x) is a distribution in 784 dimensions.",
                "vi": "28 × 28 = 784 mức xám: p(x) là một phân phối trong 784 chiều.",
            },
        },
        {
            "question": {
                "en": "In a GAN, which network ever sees a real image?",
                "vi": "Trong GAN, mạng nào được nhìn thấy ảnh thật?",
            },
            "choices": [
                {
                    "en": "Only the discriminator D",
                    "vi": "Chỉ bộ phân biệt D",
                },
                {
                    "en": "Only the generator G",
                    "vi": "Chỉ bộ sinh G",
                },
                {
                    "en": "Both",
                    "vi": "Cả hai",
                },
            ],
            "answer": 0,
            "why": {
                "en": "G turns noise into images and learns only from the gradient D sends back.",
                "vi": "G biến nhiễu thành ảnh và chỉ học từ gradient mà D gửi về.",
            },
        },
    ],
    "01": [
        {
            "question": {
                "en": "Untrained police answer D(x) = 1/2 for every note. What is their BCE loss (in nats)?",
                "vi": "Cảnh sát chưa huấn luyện trả lời D(x) = 1/2 cho mọi tờ tiền. Mất mát BCE của họ bằng bao "
                      "nhiêu (nat)?",
            },
            "number": 1.386,
            "tolerance": 0.005,
            "why": {
                "en": "−log(1/2) for the real notes plus −log(1 − 1/2) for the fakes: 2 log 2 = log 4 ≈ 1.386.",
                "vi": "−log(1/2) cho tiền thật cộng −log(1 − 1/2) cho tiền giả: 2 log 2 = log 4 ≈ 1.386.",
            },
        },
        {
            "question": {
                "en": "The equilibrium (G*, D*) of min_G max_D V is…",
                "vi": "Điểm cân bằng (G*, D*) của min_G max_D V là…",
            },
            "choices": [
                {
                    "en": "a global maximum of V",
                    "vi": "một cực đại toàn cục của V",
                },
                {
                    "en": "a global minimum of V",
                    "vi": "một cực tiểu toàn cục của V",
                },
                {
                    "en": "a saddle point: V(G*, D) ≤ V(G*, D*) ≤ V(G, D*)",
                    "vi": "một điểm yên ngựa: V(G*, D) ≤ V(G*, D*) ≤ V(G, D*)",
                },
            ],
            "answer": 2,
            "why": {
                "en": "D maximises and G minimises: neither gains by moving alone, which is a saddle point, not an"
                      " extremum in both variables.",
                "vi": "D cực đại hóa còn G cực tiểu hóa: không bên nào có lợi khi đơn phương thay đổi, đó là điểm "
                      "yên ngựa, không phải cực trị theo cả hai biến.",
            },
        },
        {
            "question": {
                "en": "Why are the counterfeits detached in the police's step?",
                "vi": "Vì sao tiền giả được detach trong bước của cảnh sát?",
            },
            "choices": [
                {
                    "en": "Otherwise the police's loss sends G the opposite of its own gradient",
                    "vi": "Nếu không, mất mát của cảnh sát gửi cho G gradient ngược dấu với gradient của chính nó",
                },
                {
                    "en": "Only to save computation",
                    "vi": "Chỉ để tiết kiệm tính toán",
                },
                {
                    "en": "detach() makes the police learn faster",
                    "vi": "detach() giúp cảnh sát học nhanh hơn",
                },
            ],
            "answer": 0,
            "why": {
                "en": "L_D = −V, so its gradient with respect to G's parameters is exactly −(G's own gradient); if"
                      " it leaked in it would undo what G learns.",
                "vi": "L_D = −V, nên gradient của nó theo tham số của G đúng bằng −(gradient của chính G); nếu lọt"
                      " vào, nó sẽ xóa những gì G học được.",
            },
        },
        {
            "question": {
                "en": "A loop runs k = 5 times but calls backward() and step() once, after the loop. How many "
                      "police updates per round?",
                "vi": "Một vòng lặp chạy k = 5 lần nhưng chỉ gọi backward() và step() một lần, sau vòng lặp. Mỗi "
                      "vòng cảnh sát được cập nhật bao nhiêu lần?",
            },
            "number": 1,
            "tolerance": 0,
            "why": {
                "en": "Only the last batch's loss is back-propagated and stepped: the code looks like k = 5 but is"
                      " k = 1.",
                "vi": "Chỉ mất mát của batch cuối được lan truyền ngược và cập nhật: code trông như k = 5 nhưng "
                      "thực chất là k = 1.",
            },
        },
    ],
    "02": [
        {
            "question": {
                "en": "For a fixed G, the best discriminator is D*(x) = …",
                "vi": "Với G cố định, bộ phân biệt tốt nhất là D*(x) = …",
            },
            "choices": [
                {
                    "en": "p_data(x) / (p_data(x) + p_g(x))",
                    "vi": "p_data(x) / (p_data(x) + p_g(x))",
                },
                {
                    "en": "p_g(x) / (p_data(x) + p_g(x))",
                    "vi": "p_g(x) / (p_data(x) + p_g(x))",
                },
                {
                    "en": "p_data(x) − p_g(x)",
                    "vi": "p_data(x) − p_g(x)",
                },
            ],
            "answer": 0,
            "why": {
                "en": "Pointwise, a log y + b log(1 − y) is largest at y = a / (a + b), with a = p_data(x) and b ="
                      " p_g(x).",
                "vi": "Tại từng điểm, a log y + b log(1 − y) lớn nhất khi y = a / (a + b), với a = p_data(x) và b "
                      "= p_g(x).",
            },
        },
        {
            "question": {
                "en": "What is min_G max_D V(G, D) (a number)?",
                "vi": "min_G max_D V(G, D) bằng bao nhiêu (một con số)?",
            },
            "number": -1.386,
            "tolerance": 0.005,
            "why": {
                "en": "V(G, D*) = −log 4 + 2 JSD(p_data ‖ p_g), and the JSD is 0 only at p_g = p_data: the minimum"
                      " is −log 4 ≈ −1.386.",
                "vi": "V(G, D*) = −log 4 + 2 JSD(p_data ‖ p_g), và JSD chỉ bằng 0 khi p_g = p_data: giá trị nhỏ "
                      "nhất là −log 4 ≈ −1.386.",
            },
        },
        {
            "question": {
                "en": "Far out in the tails, p_data(x) and p_g(x) both round to 0. How should D*(x) be computed?",
                "vi": "Ở rất xa trong phần đuôi, p_data(x) và p_g(x) đều làm tròn thành 0. Nên tính D*(x) thế nào?",
            },
            "choices": [
                {
                    "en": "As the ratio of the two densities, and replace nan by 1/2",
                    "vi": "Bằng tỷ số hai mật độ, rồi thay nan bằng 1/2",
                },
                {
                    "en": "It cannot be computed there",
                    "vi": "Không thể tính được ở đó",
                },
                {
                    "en": "As sigmoid(log p_data(x) − log p_g(x)), from logpdf",
                    "vi": "Bằng sigmoid(log p_data(x) − log p_g(x)), từ logpdf",
                },
            ],
            "answer": 2,
            "why": {
                "en": "The log densities stay finite where the densities underflow; the ratio gives 0/0 = nan, and"
                      " 1/2 would be wrong whenever one tail is heavier.",
                "vi": "Log mật độ vẫn hữu hạn ở nơi mật độ bị làm tròn thành 0; tỷ số cho 0/0 = nan, còn 1/2 sẽ "
                      "sai mỗi khi một đuôi nặng hơn đuôi kia.",
            },
        },
    ],
    "03": [
        {
            "question": {
                "en": "KL(N(0, 1) ‖ N(3, 1)) in nats?",
                "vi": "KL(N(0, 1) ‖ N(3, 1)) bằng bao nhiêu nat?",
            },
            "number": 4.5,
            "tolerance": 0.01,
            "why": {
                "en": "For equal variances KL = (μ1 − μ2)² / (2σ²) = 9/2: it grows without bound, unlike the JSD.",
                "vi": "Khi hai phương sai bằng nhau, KL = (μ1 − μ2)² / (2σ²) = 9/2: KL tăng không giới hạn, khác "
                      "với JSD.",
            },
        },
        {
            "question": {
                "en": "Two distributions whose supports do not overlap are moved further apart. Their JSD…",
                "vi": "Hai phân phối có giá không chồng lên nhau được đẩy ra xa hơn. JSD của chúng…",
            },
            "choices": [
                {
                    "en": "grows with the distance",
                    "vi": "tăng theo khoảng cách",
                },
                {
                    "en": "falls to 0",
                    "vi": "giảm về 0",
                },
                {
                    "en": "stays at log 2, so its derivative is 0",
                    "vi": "đứng yên ở log 2, nên đạo hàm bằng 0",
                },
            ],
            "answer": 2,
            "why": {
                "en": "With no overlap, the mixture m is p/2 on p's support and q/2 on q's: both KLs are log 2 "
                      "whatever the gap. This is the vanishing gradient; W1 keeps a slope of 1.",
                "vi": "Khi không chồng lên nhau, hỗn hợp m bằng p/2 trên giá của p và q/2 trên giá của q: cả hai "
                      "KL đều bằng log 2 bất kể khoảng cách. Đó là tiêu biến gradient; W1 vẫn giữ độ dốc 1.",
            },
        },
        {
            "question": {
                "en": "Fitting one Gaussian to a two-mode mixture by minimising reverse KL(q ‖ p) tends to…",
                "vi": "Khớp một phân phối chuẩn vào hỗn hợp hai đỉnh bằng cách cực tiểu hóa KL ngược KL(q ‖ p) "
                      "thường…",
            },
            "choices": [
                {
                    "en": "sit on one mode",
                    "vi": "nằm trên một đỉnh",
                },
                {
                    "en": "cover both modes with a wide bell",
                    "vi": "phủ cả hai đỉnh bằng một chuông rộng",
                },
                {
                    "en": "sit exactly between the modes, where p is small",
                    "vi": "nằm đúng giữa hai đỉnh, nơi p nhỏ",
                },
            ],
            "answer": 0,
            "why": {
                "en": "Reverse KL averages log(q/p) over q, so q is punished wherever it puts mass where p has "
                      "little: it is mode-seeking. Forward KL is mode-covering.",
                "vi": "KL ngược lấy trung bình log(q/p) theo q, nên q bị phạt ở mọi nơi nó đặt khối lượng mà p có "
                      "ít: KL ngược bám mode. KL thuận thì bao phủ mode.",
            },
        },
        {
            "question": {
                "en": "Which is the cross-entropy H(p, q)?",
                "vi": "Entropy chéo H(p, q) là biểu thức nào?",
            },
            "choices": [
                {
                    "en": "E_q[log q]",
                    "vi": "E_q[log q]",
                },
                {
                    "en": "−E_p[log q]",
                    "vi": "−E_p[log q]",
                },
                {
                    "en": "E_p[log p − log q]",
                    "vi": "E_p[log p − log q]",
                },
            ],
            "answer": 1,
            "why": {
                "en": "H(p, q) = −E_p[log q] = H(p) + KL(p ‖ q); E_p[log p − log q] is the KL alone, and E_q[log "
                      "q] is −H(q), which does not even contain p.",
                "vi": "H(p, q) = −E_p[log q] = H(p) + KL(p ‖ q); E_p[log p − log q] chỉ là KL, còn E_q[log q] là "
                      "−H(q), không hề chứa p.",
            },
        },
    ],
    "04": [
        {
            "question": {
                "en": "D rejects a fake confidently: logit l = −10. Which generator loss still has a slope of "
                      "about −1 there?",
                "vi": "D bác bỏ chắc chắn một mẫu giả: logit l = −10. Mất mát nào của bộ sinh vẫn có độ dốc khoảng"
                      " −1 ở đó?",
            },
            "choices": [
                {
                    "en": "minimax, log(1 − σ(l))",
                    "vi": "minimax, log(1 − σ(l))",
                },
                {
                    "en": "both",
                    "vi": "cả hai",
                },
                {
                    "en": "non-saturating, −log σ(l)",
                    "vi": "không bão hòa, −log σ(l)",
                },
            ],
            "answer": 2,
            "why": {
                "en": "d/dl of −log σ(l) is −(1 − σ(l)) ≈ −1 for l ≪ 0, while the minimax slope −σ(l) ≈ −e^l dies "
                      "out.",
                "vi": "Đạo hàm của −log σ(l) là −(1 − σ(l)) ≈ −1 khi l ≪ 0, còn độ dốc minimax −σ(l) ≈ −e^l thì "
                      "tắt dần.",
            },
        },
        {
            "question": {
                "en": "Does the non-saturating loss change the game's fixed point?",
                "vi": "Mất mát không bão hòa có làm thay đổi điểm bất động của trò chơi không?",
            },
            "choices": [
                {
                    "en": "No: still D* = 1/2 and p_g = p_data, but the game is no longer zero-sum",
                    "vi": "Không: vẫn là D* = 1/2 và p_g = p_data, nhưng trò chơi không còn tổng bằng không",
                },
                {
                    "en": "Yes: the equilibrium moves away from p_g = p_data",
                    "vi": "Có: cân bằng dời khỏi p_g = p_data",
                },
                {
                    "en": "It has no fixed point",
                    "vi": "Nó không có điểm bất động",
                },
            ],
            "answer": 0,
            "why": {
                "en": "Both losses push G toward where D is high and are stationary at D = 1/2; only the sizes of "
                      "the gradients differ.",
                "vi": "Cả hai mất mát đều đẩy G về nơi D cao và đứng yên khi D = 1/2; chỉ độ lớn gradient là khác.",
            },
        },
        {
            "question": {
                "en": "Over all 1-Lipschitz f, the supremum of E_data[f] − E_g[f] is…",
                "vi": "Cận trên của E_data[f] − E_g[f] trên mọi hàm f 1-Lipschitz là…",
            },
            "choices": [
                {
                    "en": "the JSD",
                    "vi": "JSD",
                },
                {
                    "en": "W1, the earth mover's distance",
                    "vi": "W1, khoảng cách di chuyển đất",
                },
                {
                    "en": "log 4",
                    "vi": "log 4",
                },
            ],
            "answer": 1,
            "why": {
                "en": "The Kantorovich–Rubinstein duality: that is why a critic with slope near 1 estimates W1.",
                "vi": "Đối ngẫu Kantorovich–Rubinstein: vì thế một critic có độ dốc gần 1 ước lượng được W1.",
            },
        },
        {
            "question": {
                "en": "Weight clipping to [−c, c] gives a critic that is…",
                "vi": "Cắt trọng số vào [−c, c] cho một critic…",
            },
            "choices": [
                {
                    "en": "exactly 1-Lipschitz",
                    "vi": "đúng 1-Lipschitz",
                },
                {
                    "en": "K-Lipschitz for some unknown K",
                    "vi": "K-Lipschitz với một K chưa biết",
                },
                {
                    "en": "not Lipschitz at all",
                    "vi": "hoàn toàn không Lipschitz",
                },
            ],
            "answer": 1,
            "why": {
                "en": "Bounded weights bound the slope, but by a constant that depends on c and the architecture, "
                      "not by 1.",
                "vi": "Trọng số bị chặn thì độ dốc bị chặn, nhưng bởi một hằng số phụ thuộc c và kiến trúc, không "
                      "phải 1.",
            },
        },
    ],
    "05": [
        {
            "question": {
                "en": "The generator ends in tanh. What range must the real images be scaled to?",
                "vi": "Bộ sinh kết thúc bằng tanh. Ảnh thật phải được đưa về miền nào?",
            },
            "choices": [
                {
                    "en": "[0, 255]",
                    "vi": "[0, 255]",
                },
                {
                    "en": "[0, 1]",
                    "vi": "[0, 1]",
                },
                {
                    "en": "[−1, 1]",
                    "vi": "[−1, 1]",
                },
            ],
            "answer": 2,
            "why": {
                "en": "Otherwise D tells real from fake by the range alone (e.g. no pixel below 0 is real).",
                "vi": "Nếu không, D phân biệt thật giả chỉ nhờ miền giá trị (chẳng hạn điểm ảnh âm thì không thể "
                      "là thật).",
            },
        },
        {
            "question": {
                "en": "At the equilibrium D = 1/2, what is the non-saturating generator loss −log D (nats)?",
                "vi": "Tại cân bằng D = 1/2, mất mát không bão hòa −log D của bộ sinh bằng bao nhiêu (nat)?",
            },
            "number": 0.693,
            "tolerance": 0.005,
            "why": {
                "en": "−log(1/2) = log 2 ≈ 0.693, while D's loss is log 4: losses near these values say nothing "
                      "about sample quality.",
                "vi": "−log(1/2) = log 2 ≈ 0.693, còn mất mát của D là log 4: mất mát quanh các giá trị này không "
                      "nói gì về chất lượng mẫu.",
            },
        },
        {
            "question": {
                "en": "A generator draws perfect digits of one class only. Which number shows it?",
                "vi": "Một bộ sinh vẽ chữ số hoàn hảo nhưng chỉ của một lớp. Con số nào cho thấy điều đó?",
            },
            "choices": [
                {
                    "en": "precision falls",
                    "vi": "precision giảm",
                },
                {
                    "en": "recall and the number of classes covered fall",
                    "vi": "recall và số lớp có mặt giảm",
                },
                {
                    "en": "D's loss rises above log 4",
                    "vi": "mất mát của D tăng trên log 4",
                },
            ],
            "answer": 1,
            "why": {
                "en": "Precision asks whether samples look real (they do); recall and class coverage ask whether "
                      "all the real data are reached (they are not).",
                "vi": "Precision hỏi mẫu có giống thật không (có); recall và số lớp có mặt hỏi mẫu có phủ hết dữ "
                      "liệu thật không (không).",
            },
        },
    ],
    "06": [
        {
            "question": {
                "en": "Simultaneous gradient play on f = xy with lr = 0.1: by what factor does the distance from "
                      "(0, 0) grow per step?",
                "vi": "Chơi gradient đồng thời trên f = xy với lr = 0.1: mỗi bước khoảng cách đến (0, 0) tăng theo"
                      " hệ số nào?",
            },
            "number": 1.005,
            "tolerance": 0.0005,
            "why": {
                "en": "√(1 + lr²) = √1.01 ≈ 1.005: greater than 1 for every lr, so smaller steps only slow the "
                      "spiral down.",
                "vi": "√(1 + lr²) = √1.01 ≈ 1.005: lớn hơn 1 với mọi lr, nên bước nhỏ hơn chỉ làm vòng xoắn chậm "
                      "lại.",
            },
        },
        {
            "question": {
                "en": "Which update spirals in toward the equilibrium of xy?",
                "vi": "Cách cập nhật nào xoắn vào điểm cân bằng của xy?",
            },
            "choices": [
                {
                    "en": "simultaneous",
                    "vi": "đồng thời",
                },
                {
                    "en": "alternating",
                    "vi": "luân phiên",
                },
                {
                    "en": "extragradient",
                    "vi": "extragradient",
                },
            ],
            "answer": 2,
            "why": {
                "en": "Extragradient shrinks the radius by √(1 − lr² + lr⁴) < 1 per step; alternating steps circle"
                      " forever and simultaneous ones spiral out.",
                "vi": "Extragradient thu bán kính theo hệ số √(1 − lr² + lr⁴) < 1 mỗi bước; bước luân phiên quay "
                      "vòng mãi, còn bước đồng thời xoắn ra ngoài.",
            },
        },
        {
            "question": {
                "en": "On the ring of 8 Gaussians, what did the moving average of a collapsing vanilla G do?",
                "vi": "Trên vòng tròn 8 Gaussian, trung bình trượt của một G gốc đang sụp đổ làm gì?",
            },
            "choices": [
                {
                    "en": "shrank to the centre of the ring",
                    "vi": "co về tâm vòng tròn",
                },
                {
                    "en": "covered all 8 modes",
                    "vi": "bao phủ cả 8 mode",
                },
                {
                    "en": "stayed on one mode",
                    "vi": "nằm yên trên một mode",
                },
            ],
            "answer": 0,
            "why": {
                "en": "G jumps from mode to mode; averaging weights that point at different modes lands between "
                      "them, at the centre.",
                "vi": "G nhảy từ mode này sang mode khác; trung bình các bộ trọng số chỉ về những mode khác nhau "
                      "rơi vào giữa chúng, ở tâm.",
            },
        },
        {
            "question": {
                "en": "You try five instance_noise values and report the best on the same seeds. What is wrong?",
                "vi": "Bạn thử năm giá trị instance_noise rồi báo cáo giá trị tốt nhất trên cùng các seed. Sai ở "
                      "đâu?",
            },
            "choices": [
                {
                    "en": "Nothing: the best value is the result",
                    "vi": "Không sai: giá trị tốt nhất là kết quả",
                },
                {
                    "en": "You tuned on the seeds you evaluate on, so the number is optimistic",
                    "vi": "Bạn chỉnh tham số trên chính các seed dùng để đánh giá, nên con số lạc quan quá mức",
                },
                {
                    "en": "Five values are too many",
                    "vi": "Năm giá trị là quá nhiều",
                },
            ],
            "answer": 1,
            "why": {
                "en": "Report every value tried, or pick on some seeds and measure on fresh ones.",
                "vi": "Hãy báo cáo mọi giá trị đã thử, hoặc chọn trên một số seed rồi đo trên các seed mới.",
            },
        },
    ],
}
